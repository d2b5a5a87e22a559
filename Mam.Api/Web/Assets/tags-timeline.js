// Time-coded tags (shots, on-screen text, slates, objects, faces, QC findings) as one lane per kind
// under the player. Each tag is a button: its label, timecodes, source and confidence are read out,
// and clicking seeks to where it starts.
import { el, formatSeconds } from "./common.js";

const kindOrder = ["shot", "slate", "text", "object", "face", "qc"];
const kindNames = { shot: "Shots", slate: "Slates", text: "On-screen text", object: "Objects", face: "Faces", qc: "QC" };

export function renderTimeline(section, container, tags, duration, seek) {
  const usable = (Array.isArray(tags) ? tags : []).filter((t) => typeof t?.start === "number");
  if (usable.length === 0 || !(duration > 0)) {
    section.hidden = true;
    return null;
  }
  const byKind = new Map();
  for (const tag of usable) {
    const kind = String(tag.kind ?? "other").toLowerCase();
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind).push(tag);
  }
  const kinds = [...byKind.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const playhead = el("div", { className: "timeline-playhead", "aria-hidden": "true" });
  const lanes = kinds.map((kind) => el("div", { className: "lane", dataset: { kind } },
    el("span", { className: "lane-name" }, kindNames[kind] ?? kind),
    el("ul", { className: "lane-track", "aria-label": kindNames[kind] ?? kind }, byKind.get(kind).map((tag) => tagButton(tag, duration, seek)))));
  const body = el("div", { className: "timeline-body" }, lanes, playhead);
  container.replaceChildren(body);
  section.hidden = false;
  // Over the lanes' tracks only, never over their names: the name column is not part of the clip's time.
  const move = (seconds) => {
    playhead.style.left = `calc(var(--lane-name-width) + (100% - var(--lane-name-width)) * ${Math.min(1, Math.max(0, seconds / duration))})`;
  };
  move(0);
  return move;
}

const rank = (kind) => (kindOrder.includes(kind) ? kindOrder.indexOf(kind) : kindOrder.length);

function tagButton(tag, duration, seek) {
  const start = Math.max(0, tag.start);
  const end = typeof tag.end === "number" && tag.end > start ? tag.end : start;
  const label = String(tag.label ?? tag.value ?? tag.kind ?? "tag");
  const details = [
    `${tag.timecodeIn ?? formatSeconds(start)}–${tag.timecodeOut ?? formatSeconds(end)}`,
    tag.value && tag.value !== label ? String(tag.value) : null,
    typeof tag.confidence === "number" ? `confidence ${Math.round(tag.confidence * 100)}%` : null,
    tag.source ? `from ${tag.source}` : null,
    tag.detail ? String(tag.detail) : null,
  ].filter(Boolean).join(" · ");
  const button = el("button", { type: "button", className: "tag", title: `${label} — ${details}`, "aria-label": `${label}, ${details}`, onclick: () => seek(start) }, label);
  button.style.left = `${(start / duration) * 100}%`;
  // Instant tags (a face in one sampled frame) still get a clickable width.
  button.style.width = `max(0.6rem, ${((end - start) / duration) * 100}%)`;
  return el("li", {}, button);
}
