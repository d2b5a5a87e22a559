// The dashboard across the projects the signed-in person may read: approvals pending (theirs first), and
// per project its stages with how many cuts stand at each, the cuts, recent activity and clips failing QC.
// Everything from the API goes in as textContent.
import { el, getJson, problemText } from "./common.js";

const $ = (id) => document.getElementById(id);

const clipLink = (url, name) => el("a", { href: url, textContent: name });

function when(iso) {
  const date = new Date(iso.endsWith("Z") ? iso : `${iso}Z`);
  return el("time", { datetime: date.toISOString(), textContent: date.toISOString().slice(0, 16).replace("T", " ") });
}

function pendingRows(items) {
  return items.map((p) => el("tr", { className: `pending ${p.forYou ? "for-you" : ""}`, dataset: { asset: p.assetId } },
    el("td", {}, clipLink(p.clipUrl, `${p.clipName} · v${p.version}`), p.forYou ? el("strong", { className: "yours", textContent: " · yours to approve" }) : null),
    el("td", { textContent: p.project }),
    el("td", { textContent: `${p.stage} (${p.rule === "all" ? "every approver" : "any one"})` }),
    el("td", { textContent: p.waiting.join(", ") })));
}

function project(p) {
  const cuts = p.cutsShown.map((c) => el("tr", { dataset: { asset: c.assetId } },
    el("td", {}, clipLink(c.clipUrl, `${c.clipName} · v${c.version}`), c.locked ? el("span", { className: "version-lock", textContent: " 🔒 locked" }) : null),
    el("td", { textContent: c.stage ?? "—" }),
    el("td", { className: "quiet-text", textContent: c.why })));
  return el("section", { className: "dashboard-project", "aria-label": p.name, dataset: { project: p.name } },
    el("h2", { textContent: p.name }),
    p.stages.length
      ? el("ol", { className: "stage-strip", "aria-label": "Stages and the cuts at each" }, ...p.stages.map((s) => el("li", {}, s.name, el("span", { className: "count", textContent: String(s.cuts) }))))
      : el("p", { className: "quiet-text", textContent: "No review stages set." }),
    cuts.length
      ? el("table", { className: "cuts" }, el("thead", {}, el("tr", {}, el("th", { scope: "col", textContent: "Cut" }), el("th", { scope: "col", textContent: "Stage" }), el("th", { scope: "col", textContent: "Where it stands" }))),
        el("tbody", {}, ...cuts))
      : el("p", { className: "quiet-text", textContent: "No cut in review yet." }),
    p.cuts > p.cutsShown.length ? el("p", { className: "quiet-text", textContent: `${p.cutsShown.length} of ${p.cuts} cuts shown.` }) : null,
    el("h3", { textContent: "Recent activity" }),
    p.recent.length
      ? el("ul", { className: "activity" }, ...p.recent.map((e) => el("li", {}, when(e.at), e.clipUrl ? clipLink(e.clipUrl, e.text) : e.text)))
      : el("p", { className: "quiet-text", textContent: "Nothing yet." }),
    el("h3", { textContent: `Clips failing QC (${p.failingQc})` }),
    p.failingQcShown.length
      ? el("ul", { className: "qc-failing" }, ...p.failingQcShown.map((q) => el("li", {}, clipLink(q.clipUrl, q.clipName), q.findings.length ? `: ${q.findings.join("; ")}` : "")))
      : el("p", { className: "quiet-text", textContent: "None." }));
}

async function load() {
  const result = await getJson("/api/dashboard");
  $("dashboard").setAttribute("aria-busy", "false");
  if (!result.ok) {
    $("message").textContent = problemText(result);
    $("message").hidden = false;
    return;
  }
  const { pending, projects } = result.body;
  $("pending-empty").hidden = pending.length > 0;
  $("pending").hidden = pending.length === 0;
  $("pending").tBodies[0].replaceChildren(...pendingRows(pending));
  $("projects").replaceChildren(...projects.map(project));
  if (projects.length === 0) $("projects").append(el("p", { className: "quiet-text", textContent: "You are not a member of any project yet." }));
}

load().catch((error) => {
  $("message").textContent = `The dashboard could not be loaded: ${error.message}`;
  $("message").hidden = false;
});
