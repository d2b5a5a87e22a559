// The archivist's 3-2-1 page for one project: /projects/{name}/copies. Reads GET /api/projects/{name}/copies
// with the session cookie; everything from the API goes into the page as text.
import { el, getJson, problemText } from "/web/common.js";

const project = decodeURIComponent(location.pathname.split("/")[2] ?? "");
const api = `/api/projects/${encodeURIComponent(project)}`;
const status = document.getElementById("status");
let next = null;

function when(iso) {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC" : "never";
}

function summary(view) {
  const list = document.getElementById("summary");
  const rows = [
    ["Files", `${view.files} (${(view.bytes / 1024 ** 3).toFixed(2)} GiB)`],
    ["Minimum copies", String(view.minimumCopies)],
    ["Below the minimum", String(view.filesBelowMinimum)],
    ["With a damaged or missing copy", String(view.filesWithFailures)],
    ["Never checked in the store", String(view.filesNeverChecked)],
  ];
  list.replaceChildren(...rows.flatMap(([term, value]) => [el("dt", { textContent: term }), el("dd", { textContent: value })]));
  const alert = document.getElementById("alert");
  alert.hidden = view.filesWithFailures === 0;
  alert.textContent = `${view.filesWithFailures} file(s) have a damaged or missing copy: choose "With a failed copy" below.`;
  document.querySelector("#locations tbody").replaceChildren(...view.locations.map((l) => el("tr", {},
    el("td", { textContent: l.kind }),
    el("td", { textContent: l.description ? `${l.location} (${l.description})` : l.location }),
    el("td", { textContent: String(l.copies) }),
    el("td", { textContent: String(l.intact) }),
    el("td", { textContent: String(l.damaged), className: l.damaged ? "bad" : "" }),
    el("td", { textContent: String(l.missing), className: l.missing ? "bad" : "" }),
    el("td", { textContent: String(l.neverChecked) }),
    el("td", { textContent: when(l.oldestCheck) }))));
}

function fileRows(items) {
  return items.map((f) => el("tr", { className: f.copies < minimum ? "below" : "" },
    el("td", { textContent: f.cardName }),
    el("td", {}, f.asset ? el("a", { href: `/clips/${f.asset}`, textContent: f.path }) : f.path),
    el("td", { textContent: String(f.copies) }),
    el("td", {}, el("ul", { className: "copy-list" }, f.where.map((c) => el("li", { className: c.outcome && c.outcome !== "intact" ? "bad" : "" },
      `${c.kind} ${c.location}${c.storageClass ? ` [${c.storageClass}]` : ""}: ${c.outcome ?? "not checked"}, ${when(c.lastCheckedAt)}`))))));
}

let minimum = 0;

async function load(url, append) {
  status.textContent = "Loading…";
  const result = await getJson(url);
  if (!result.ok) {
    status.textContent = problemText(result);
    return;
  }
  const view = result.body;
  minimum = view.minimumCopies;
  status.textContent = "";
  summary(view);
  const body = document.querySelector("#file-list tbody");
  if (append) body.append(...fileRows(view.items));
  else body.replaceChildren(...fileRows(view.items));
  next = view.next;
  document.getElementById("more").hidden = !next;
}

document.getElementById("title").textContent = `Copies of ${project}`;
document.title = `Copies of ${project} · MAM`;
document.getElementById("export-csv").href = `${api}/fixity-checks?format=csv`;
document.getElementById("export-premis").href = `${api}/fixity-checks?format=premis`;
document.getElementById("show").addEventListener("change", (e) => load(`${api}/copies?show=${e.target.value}`, false));
document.getElementById("more").addEventListener("click", () => next && load(next, true));
load(`${api}/copies`, false);
