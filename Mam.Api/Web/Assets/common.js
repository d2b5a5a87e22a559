// Small helpers shared by the pages. Every piece of text from the API goes into the DOM through
// textContent; the only markup ever taken from the API is <mark> in search snippets (see snippet()).

/** Creates an element. Attributes: className/textContent/dataset as properties, functions as
 * listeners (onclick → "click"), true/false toggle a boolean attribute, anything else via setAttribute. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "className" || key === "textContent") node[key] = value;
    else if (typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (typeof value === "boolean") node.toggleAttribute(key, value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** GET a JSON document: {ok, status, body}; body is the problem details when the API refuses. */
export async function getJson(url, signal) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, signal });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return { ok: response.ok, status: response.status, body };
}

/** The message an editor should read from a refused request. */
export function problemText(result) {
  return result.body?.detail ?? result.body?.title ?? `The server answered ${result.status}.`;
}

const entities = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0" };

/** Decodes the character references an HTML encoder writes (&amp; &#39; &#x2026; …). */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** A search snippet (HTML-encoded text with <mark>…</mark> around matches) as DOM nodes. The snippet is
 * split on the mark tags and each piece is decoded and inserted as text, so nothing else in it can
 * ever become markup, whatever the search engine sends. */
export function snippet(html) {
  const fragment = document.createDocumentFragment();
  const parts = String(html ?? "").split(/(<mark>|<\/mark>)/i);
  let marked = false;
  for (const part of parts) {
    if (/^<mark>$/i.test(part)) marked = true;
    else if (/^<\/mark>$/i.test(part)) marked = false;
    else if (part) fragment.append(marked ? el("mark", {}, decodeEntities(part)) : document.createTextNode(decodeEntities(part)));
  }
  return fragment;
}

/** The clip page, optionally opened at `seconds` from the clip's first frame. */
export function clipPageUrl(assetId, seconds) {
  const base = `/clips/${encodeURIComponent(assetId)}`;
  return typeof seconds === "number" && seconds > 0 ? `${base}?t=${Number(seconds.toFixed(3))}` : base;
}

/** True when a key press belongs to a text field, not to the page's shortcuts. */
export function isTyping(event) {
  const target = event.target;
  if (!(target instanceof Element)) return false;
  if (target.isContentEditable) return true;
  if (target.closest("textarea, select")) return true;
  const input = target.closest("input");
  return input !== null && !["button", "checkbox", "radio", "submit", "reset", "range"].includes(input.type);
}

export function formatSeconds(seconds) {
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return "";
  const whole = Math.round(seconds);
  const two = (v) => String(v).padStart(2, "0");
  return whole >= 3600
    ? `${Math.floor(whole / 3600)}:${two(Math.floor(whole / 60) % 60)}:${two(whole % 60)}`
    : `${Math.floor(whole / 60)}:${two(whole % 60)}`;
}
