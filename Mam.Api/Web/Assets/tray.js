// The notification tray every signed-in page includes: an unread badge in the masthead, the list of
// one's notifications (events of the projects one follows), live over Server-Sent Events. EventSource
// sends Last-Event-ID by itself when it reconnects, so nothing is missed or shown twice. Text from the
// API goes into the DOM through textContent only.
import { el } from "/web/common.js";

const kinds = ["comment", "mention", "approval", "approval-requested", "gate-advanced", "card-offloaded", "card-complete",
  "clip-processed", "clip-failed", "fixity-failure", "restore-done"];
const labels = {
  "comment": "Comment", "mention": "Mention", "approval": "Approval", "approval-requested": "Approval requested",
  "gate-advanced": "Gate advanced", "card-offloaded": "Card offloaded", "card-complete": "Card complete",
  "clip-processed": "Clip processed", "clip-failed": "Clip failed", "fixity-failure": "Fixity failure", "restore-done": "Restore",
};

const state = { unread: 0, newest: 0, items: new Map() };
const badge = el("span", { className: "tray-badge", hidden: true, "aria-hidden": "true" });
const button = el("button", { type: "button", className: "tray-button", "aria-expanded": "false", "aria-controls": "tray-panel" }, "Notifications", badge);
const list = el("ol", { className: "tray-list" });
const empty = el("p", { className: "tray-empty" }, "Nothing new in the projects you follow.");
const markAll = el("button", { type: "button", className: "tray-mark-all" }, "Mark all read");
const panel = el("section", { id: "tray-panel", className: "tray-panel", hidden: true, "aria-label": "Notifications" },
  el("header", { className: "tray-head" }, el("h2", {}, "Notifications"), markAll), empty, list);
const tray = el("div", { className: "tray" }, button, panel);

function showCount() {
  badge.textContent = state.unread > 99 ? "99+" : String(state.unread);
  badge.hidden = state.unread === 0;
  button.setAttribute("aria-label", state.unread === 0 ? "Notifications, none unread" : `Notifications, ${state.unread} unread`);
}

function when(at) {
  return new Date(at).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" });
}

function row(item) {
  const text = item.clipUrl
    ? el("a", { href: item.clipUrl, className: "tray-text", onclick: () => markRead([item.id]) }, item.text)
    : el("span", { className: "tray-text" }, item.text);
  const node = el("li", { className: item.read ? "tray-item" : "tray-item unread", dataset: { id: String(item.id), kind: item.kind } },
    el("span", { className: "tray-kind" }, labels[item.kind] ?? item.kind),
    text,
    el("span", { className: "tray-where" }, `${item.project} · ${when(item.at)}`));
  return node;
}

function add(item, atTop) {
  if (state.items.has(item.id)) return;
  state.items.set(item.id, item);
  state.newest = Math.max(state.newest, item.id);
  const node = row(item);
  if (atTop) list.prepend(node); else list.append(node);
  empty.hidden = true;
}

async function markRead(ids, through) {
  const response = await fetch("/api/notifications/read", {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(through ? { through } : { ids }),
  });
  if (!response.ok) return;
  state.unread = (await response.json()).unread;
  for (const node of list.querySelectorAll(".tray-item.unread")) {
    const id = Number(node.dataset.id);
    if ((through && id <= through) || ids?.includes(id)) node.classList.remove("unread");
  }
  showCount();
}

async function load() {
  const response = await fetch("/api/notifications?take=30", { headers: { Accept: "application/json" } });
  if (!response.ok) return false;
  const body = await response.json();
  state.unread = body.unread;
  for (const item of body.items) add(item, false);
  showCount();
  return true;
}

function listen() {
  const source = new EventSource(`/api/notifications?after=${state.newest}`);
  const onEvent = (event) => {
    const item = JSON.parse(event.data);
    if (state.items.has(item.id)) return;
    add(item, true);
    state.unread += 1;
    showCount();
  };
  for (const kind of kinds) source.addEventListener(kind, onEvent);
  // Says the tray is live (a test waits for it; a person sees the badge move).
  source.addEventListener("open", () => { tray.dataset.live = "true"; });
  source.addEventListener("error", () => { tray.dataset.live = "false"; });
}

button.addEventListener("click", () => {
  panel.hidden = !panel.hidden;
  button.setAttribute("aria-expanded", String(!panel.hidden));
});
markAll.addEventListener("click", () => { if (state.newest > 0) markRead(null, state.newest); });
document.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && !panel.hidden) {
    panel.hidden = true;
    button.setAttribute("aria-expanded", "false");
    button.focus();
  }
});

const masthead = document.querySelector(".masthead");
if (masthead) {
  masthead.insertBefore(tray, masthead.querySelector(".account"));
  showCount();
  if (await load()) listen();
}
