// Rendering of a search response: hits grouped per clip, and facet counts that filter on click.
import { clipPageUrl, el, formatSeconds, snippet } from "./common.js";

/** The clips of a response. Newer APIs group hits per clip (`clips`); older ones send flat `hits`,
 * which are grouped here in the order the engine ranked them. */
export function clipsOf(response) {
  const clips = Array.isArray(response?.clips) ? response.clips.map((c) => ({ ...c, hits: [...(c.hits ?? [])] })) : groupHits(response?.hits ?? []);
  for (const clip of clips) {
    // An editor reads a clip's lines in the order they are spoken; name/metadata matches come first.
    clip.hits.sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
  }
  return clips;
}

function groupHits(hits) {
  const byClip = new Map();
  for (const hit of hits) {
    let clip = byClip.get(hit.assetId);
    if (!clip) {
      clip = {
        assetId: hit.assetId, clipName: hit.clipName, project: hit.project, card: hit.card, camera: hit.camera,
        score: hit.score, posterUrl: hit.posterUrl, proxyUrl: hit.proxyUrl, hits: [],
      };
      byClip.set(hit.assetId, clip);
    }
    clip.score = Math.max(clip.score ?? 0, hit.score ?? 0);
    clip.hits.push(hit);
  }
  return [...byClip.values()];
}

export function renderClips(list, clips) {
  list.replaceChildren(...clips.map(renderClip));
}

function renderClip(clip) {
  const page = clipPageUrl(clip.assetId);
  const poster = el("img", { src: clip.posterUrl ?? `/api/assets/${clip.assetId}/poster`, alt: "", width: "192", height: "108", loading: "lazy", decoding: "async" });
  // Not every clip has a poster yet (still processing, or audio only): show an empty frame instead.
  poster.addEventListener("error", () => poster.replaceWith(el("span", { className: "poster-missing", "aria-hidden": "true" })), { once: true });
  const where = [clip.project, clip.card, clip.camera].filter(Boolean).join(" · ");
  const lines = clip.hits.length;
  return el("li", { className: "clip", dataset: { assetId: clip.assetId } },
    el("a", { className: "poster", href: page, tabindex: "-1", "aria-hidden": "true" }, poster),
    el("div", { className: "clip-body" },
      el("h2", { className: "clip-name" }, el("a", { href: page }, clip.clipName ?? clip.assetId)),
      el("p", { className: "clip-where" }, where, el("span", { className: "line-count" }, ` · ${lines} ${lines === 1 ? "match" : "matches"}`)),
      el("ol", { className: "hits" }, clip.hits.map((hit) => renderHit(clip, hit)))));
}

function renderHit(clip, hit) {
  const timed = typeof hit.start === "number";
  const label = timed ? (hit.timecodeIn ?? formatSeconds(hit.start)) : "clip";
  const source = hit.source ?? (timed ? "dialogue" : "name or metadata");
  return el("li", {},
    el("a", {
      className: "hit", href: clipPageUrl(clip.assetId, timed ? hit.start : undefined), dataset: { start: timed ? String(hit.start) : "" },
    },
      el("span", { className: timed ? "tc" : "tc tc-none", title: timed ? `Open the clip at ${label}` : "Open the clip" }, label),
      el("span", { className: "snippet" }, snippet(hit.snippet)),
      el("span", { className: "hit-source" }, source)));
}

const facetLabels = {
  project: "Project", card: "Card", camera: "Camera", codec: "Codec", resolution: "Resolution", tag: "Tags", qc: "QC", hasFaces: "Faces",
};

function facetValueLabel(name, value) {
  if (name === "hasFaces") return value === "true" ? "With faces" : value === "false" ? "Without faces" : value;
  if (name === "qc") return value.charAt(0).toUpperCase() + value.slice(1);
  return value;
}

/** Facet groups as buttons; `isActive(name, value)` marks the applied ones, `onPick(name, value)` toggles. */
export function renderFacets(container, facets, isActive, onPick) {
  const groups = Object.entries(facets ?? {})
    .filter(([, values]) => Array.isArray(values) && values.length > 0)
    .map(([name, values]) => el("section", { className: "facet-group", "aria-label": facetLabels[name] ?? name },
      el("h3", {}, facetLabels[name] ?? name),
      el("ul", {}, values.map(({ value, count }) => {
        const text = String(value);
        const active = isActive(name, text);
        return el("li", {}, el("button", {
          type: "button", className: "facet", "aria-pressed": active ? "true" : "false",
          dataset: { facet: name, value: text }, onclick: () => onPick(name, text),
        }, el("span", { className: "facet-value" }, facetValueLabel(name, text)), el("span", { className: "count" }, String(count))));
      }))));
  container.replaceChildren(el("h2", {}, "Refine"), ...groups);
  container.hidden = groups.length === 0;
}
