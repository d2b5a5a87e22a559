// The search page: the URL is the state (shareable, back button works); the form mirrors it.
import { el, getJson, isTyping, problemText } from "./common.js";
import { clipsOf, renderClips, renderFacets } from "./search-results.js";

const single = ["q", "project", "card", "camera", "from", "to", "codec", "resolution", "hasFaces", "qc"];
const form = document.getElementById("search");
const query = document.getElementById("q");
const status = document.getElementById("status");
const clipList = document.getElementById("clips");
const facets = document.getElementById("facets");
const tagInput = document.getElementById("tag-input");
const tagList = document.getElementById("tags");
let tags = [];
let inFlight = null;

function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  const state = Object.fromEntries(single.map((key) => [key, params.get(key) ?? ""]));
  state.tag = params.getAll("tag").filter((t) => t.trim() !== "");
  return state;
}

function stateFromForm() {
  const state = Object.fromEntries(single.map((key) => [key, String(form.elements[key].value ?? "").trim()]));
  state.tag = [...tags];
  return state;
}

function fillForm(state) {
  for (const key of single) form.elements[key].value = state[key];
  tags = [...state.tag];
  renderTags();
}

function toParams(state) {
  const params = new URLSearchParams();
  for (const key of single) if (state[key]) params.set(key, state[key]);
  for (const tag of state.tag) params.append("tag", tag);
  return params;
}

const hasFilters = (state) => single.some((key) => key !== "q" && state[key]) || state.tag.length > 0;

function renderTags() {
  tagList.replaceChildren(...tags.map((tag) => el("li", { className: "chip" },
    el("span", {}, tag),
    el("button", { type: "button", className: "chip-remove", "aria-label": `Remove tag ${tag}`, onclick: () => removeTag(tag) }, "×"))));
}

function addTag(tag) {
  const value = tag.trim();
  if (value && !tags.includes(value)) tags.push(value);
  apply();
}

function removeTag(tag) {
  tags = tags.filter((t) => t !== tag);
  apply();
}

/** The form changed: a new history entry (so Back returns to the previous search), then search. */
function apply() {
  renderTags();
  const state = stateFromForm();
  const params = toParams(state).toString();
  const url = params ? `/search?${params}` : "/";
  if (url !== location.pathname + location.search) history.pushState(null, "", url);
  run(state);
}

async function run(state) {
  inFlight?.abort();
  document.title = state.q ? `${state.q} · Search · MAM` : "Search · MAM";
  if (!state.q && !hasFilters(state)) {
    inFlight = null;
    clipList.replaceChildren();
    facets.hidden = true;
    status.textContent = "Type what was said or shown, a clip name or a card.";
    return;
  }
  const controller = new AbortController();
  inFlight = controller;
  status.textContent = "Searching…";
  clipList.setAttribute("aria-busy", "true");
  const params = toParams(state);
  params.set("limit", "100");
  let result;
  try {
    result = await getJson(`/api/search?${params}`, controller.signal);
  } catch (error) {
    if (controller.signal.aborted) return;
    result = { ok: false, status: 0, body: { detail: `The server could not be reached (${error.message}).` } };
  }
  if (controller.signal.aborted) return;
  clipList.removeAttribute("aria-busy");
  if (!result.ok) {
    clipList.replaceChildren();
    facets.hidden = true;
    status.textContent = problemText(result);
    return;
  }
  const clips = clipsOf(result.body);
  const lines = clips.reduce((n, clip) => n + clip.hits.length, 0);
  status.textContent = clips.length === 0
    ? "Nothing matches. Try fewer words, a prefix (harb*) or OR."
    : `${lines} ${lines === 1 ? "match" : "matches"} in ${clips.length} ${clips.length === 1 ? "clip" : "clips"}`;
  renderClips(clipList, clips);
  renderFacets(facets, result.body.facets, (name, value) => isActive(state, name, value), pickFacet);
}

function isActive(state, name, value) {
  return name === "tag" ? state.tag.includes(value) : String(state[name] ?? "") === value;
}

function pickFacet(name, value) {
  if (name === "tag") {
    if (tags.includes(value)) removeTag(value);
    else addTag(value);
    return;
  }
  const field = form.elements[name];
  if (!field) return;
  field.value = field.value === value ? "" : value;
  apply();
}

function hitLinks() {
  return [...clipList.querySelectorAll("a.hit")];
}

/** `/` focuses the box; ↓/↑ walk through the matching lines (Enter follows the focused link). */
function onKey(event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  if (event.key === "/" && !isTyping(event)) {
    event.preventDefault();
    query.focus();
    query.select();
    return;
  }
  if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const links = hitLinks();
  const at = links.indexOf(document.activeElement);
  if (isTyping(event) && event.target !== query) return;
  if (links.length === 0) return;
  event.preventDefault();
  if (at === -1) {
    if (event.key === "ArrowDown") links[0].focus();
    return;
  }
  if (event.key === "ArrowUp" && at === 0) {
    query.focus();
    return;
  }
  links[Math.min(links.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  apply();
});
for (const key of single.filter((k) => k !== "q")) form.elements[key].addEventListener("change", apply);
document.getElementById("tag-add").addEventListener("click", () => {
  addTag(tagInput.value);
  tagInput.value = "";
});
tagInput.addEventListener("keydown", (event) => {
  if (event.key !== "Enter") return;
  event.preventDefault();
  addTag(tagInput.value);
  tagInput.value = "";
});
document.getElementById("clear-filters").addEventListener("click", () => {
  for (const key of single.filter((k) => k !== "q")) form.elements[key].value = "";
  tags = [];
  apply();
});
document.addEventListener("keydown", onKey);
window.addEventListener("popstate", () => {
  const state = stateFromUrl();
  fillForm(state);
  run(state);
});

const initial = stateFromUrl();
fillForm(initial);
run(initial);
if (!initial.q) query.focus();
