// The transcript beside the player: the phrase under the playhead is highlighted and kept in view;
// clicking a phrase seeks there.
import { el, formatSeconds } from "./common.js";

// A playhead placed at a phrase's start from a rounded URL (?t=4.055) may sit a hair before it.
const tolerance = 0.01;

export class TranscriptView {
  constructor(list, seek) {
    this.list = list;
    this.seek = seek;
    this.segments = [];
    this.items = [];
    this.current = -1;
  }

  render(segments) {
    this.segments = [...segments].sort((a, b) => a.start - b.start);
    this.items = this.segments.map((segment) => el("li", { className: "phrase", dataset: { start: String(segment.start), end: String(segment.end) } },
      el("button", { type: "button", onclick: () => this.seek(segment.start) },
        el("span", { className: "tc" }, segment.timecodeIn ?? formatSeconds(segment.start)),
        el("span", { className: "phrase-text" }, segment.text))));
    this.list.replaceChildren(...this.items);
    this.current = -1;
  }

  /** Highlights the phrase spoken at `seconds` (none in a pause between phrases). */
  update(seconds) {
    const index = this.segments.findIndex((s) => s.start <= seconds + tolerance && seconds < s.end);
    if (index === this.current) return;
    this.items[this.current]?.removeAttribute("aria-current");
    this.items[this.current]?.classList.remove("current");
    this.current = index;
    const item = this.items[index];
    if (!item) return;
    item.classList.add("current");
    item.setAttribute("aria-current", "true");
    this.scrollTo(item);
  }

  /** Scrolls the transcript box only (never the page) so the phrase sits in its upper third. */
  scrollTo(item) {
    const box = this.list;
    const top = item.offsetTop - box.offsetTop;
    if (top >= box.scrollTop && top + item.offsetHeight <= box.scrollTop + box.clientHeight) return;
    const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    box.scrollTo({ top: Math.max(0, top - box.clientHeight / 3), behavior: reduced ? "auto" : "smooth" });
  }
}
