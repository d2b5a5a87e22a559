// /restores: plan a restore (POST /api/restores) and list them; /restores/{id}: one restore's plan, the
// agent command that runs it, and its per-file results, refreshed while the agent restores.
import { el, getJson, problemText } from "/web/common.js";

const units = ["B", "KiB", "MiB", "GiB", "TiB"];
function size(bytes) {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(2).replace(/\.?0+$/, "")} ${units[unit]}`;
}

function duration(seconds) {
  return seconds < 90 ? `${Math.max(1, Math.ceil(seconds))} s` : seconds < 5400 ? `${Math.round(seconds / 60)} min` : `${(seconds / 3600).toFixed(1)} h`;
}

function showProblem(text) {
  const problem = document.getElementById("problem");
  problem.textContent = text;
  problem.hidden = false;
}

async function list() {
  document.getElementById("plan-section").hidden = false;
  const result = await getJson("/api/restores");
  if (!result.ok) return showProblem(problemText(result));
  const rows = result.body.map((r) => el("tr", {},
    el("td", {}, new Date(r.requestedAt).toLocaleString()),
    el("td", {}, r.project),
    el("td", {}, el("a", { href: `/restores/${encodeURIComponent(r.id)}` }, r.scope)),
    el("td", { className: `state-${r.state}` }, r.state),
    el("td", {}, `${r.results.files} (${r.results.verified} verified, ${r.results.failed} failed)`),
    el("td", {}, r.destination ?? "")));
  document.querySelector("#list tbody").replaceChildren(...rows);
}

async function plan(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const text = (name) => String(form.get(name) ?? "").trim() || null;
  const body = text("asset")
    ? { asset: text("asset"), from: text("from"), to: text("to") }
    : { project: text("project"), card: text("card") };
  const response = await fetch("/api/restores", { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = document.getElementById("plan-problem");
    problem.textContent = problemText({ status: response.status, body: answer });
    problem.hidden = false;
    return;
  }
  location.assign(`/restores/${encodeURIComponent(answer.id)}`);
}

function fileRow(file) {
  const where = file.missing ? "MISSING from the store"
    : file.archive === "requested" ? `${file.storageClass}, coming back from the archive tier`
    : file.archive === "readable" ? `${file.storageClass}, restored copy readable${file.readableUntil ? ` until ${new Date(file.readableUntil).toLocaleString()}` : ""}`
    : file.archiveRestoreNeeded ? `${file.storageClass}, needs a restore request` : file.storageClass;
  const cut = file.cut ? ` — cut of ${file.cut.source}, ${file.cut.from}–${file.cut.to}${file.cut.startsAt ? `, starts at ${file.cut.startsAt}${file.cut.startsAtEarlierIFrame ? " (the I-frame before)" : ""}` : ""}` : "";
  return el("tr", {},
    el("td", {}, `${file.card}/${file.path}`, cut),
    el("td", { className: "size" }, size(file.size)),
    el("td", {}, where ?? ""),
    el("td", { className: `result-${file.result}` }, file.result),
    el("td", {}, file.reason ?? file.cut?.error ?? ""));
}

async function show(id) {
  document.getElementById("restore-section").hidden = false;
  const result = await getJson(`/api/restores/${encodeURIComponent(id)}`);
  if (!result.ok) return showProblem(problemText(result));
  const r = result.body;
  document.title = `Restore ${r.scope} · MAM`;
  document.getElementById("title").textContent = `Restore of ${r.scope}, project ${r.project}`;
  const tally = r.results;
  const summary = document.getElementById("summary");
  summary.className = `status state-${r.state}`;
  summary.textContent = `${r.state}: ${tally.files} files, ${size(r.totalBytes)} — ${tally.verified} verified, ${tally.original} new (cuts), ${tally.failed} failed, ${tally.pending} to go`
    + (r.destination ? ` · to ${r.destination}` : "") + ` · planned by ${r.requestedBy}` + (r.mhl ? ` · ASC MHL ${r.mhl}` : "");
  document.getElementById("estimate").textContent =
    `About ${duration(r.estimate.transferSeconds)} at ${r.estimate.miBPerSecond} MiB/s (${r.estimate.source}). `
    + (r.archiveRestoreNeeded ? "Some files are in an archive tier:" : "No file is in an archive tier: every file can be read at once.");
  document.getElementById("tiers").replaceChildren(...(r.tiers.length === 0 ? [] : [el("table", { className: "restore-table" },
    el("thead", {}, el("tr", {}, el("th", {}, "Tier"), el("th", {}, "Wait"), el("th", {}, "Cost"), el("th", {}, "In all"))),
    el("tbody", {}, r.tiers.map((t) => el("tr", {}, el("td", {}, t.tier), el("td", {}, `${t.waitHours} h`), el("td", {}, `${t.cost.toFixed(2)} ${t.currency}`), el("td", {}, `${t.totalHours} h`)))))]));
  const archive = document.getElementById("archive");
  archive.hidden = !r.archive;
  if (r.archive) {
    const a = r.archive;
    archive.textContent = (a.coming > 0
      ? `Waiting for the archive tier: ${a.coming} of ${a.files} file(s) coming back (${a.tier} tier)${a.expectedBy ? `, expected readable by ${new Date(a.expectedBy).toLocaleString()}` : ""}. Run the agent again then.`
      : `Archive tier: all ${a.files} file(s) readable${a.readableUntil ? ` until ${new Date(a.readableUntil).toLocaleString()} — read them before then` : ""}.`)
      + (a.note ? ` ${a.note}` : "");
  }
  document.getElementById("command").textContent = `ingest-agent restore --api ${location.origin} --restore ${r.id} --dest DIR`;
  document.querySelector("#files tbody").replaceChildren(...r.files.map(fileRow));
  if (r.state === "planned" || r.state === "restoring") setTimeout(() => show(id), 3000);
  else if (r.state === "waiting-for-archive" || r.state === "ready") setTimeout(() => show(id), 60000);
}

const match = location.pathname.match(/^\/restores\/([0-9a-f-]{36})$/i);
if (match) {
  show(match[1]);
} else {
  document.getElementById("plan").addEventListener("submit", plan);
  list();
}
