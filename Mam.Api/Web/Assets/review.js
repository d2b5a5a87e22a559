// Review comments on the clip page and the share page: the list (time order, replies under their
// thread, the ones on the playhead's frame marked as it plays), a form that comments on the playhead's
// frame or the range marked with I and O, and shapes drawn with the mouse over the picture, kept as
// 0..1 of its width and height (the API's model). Every text from the API goes in as textContent.
// The clip's API is a parameter: a member's is /api/assets/{id}, a guest's /share/{token}/api/clips/{id}.
import { el, getJson, isTyping, problemText } from "./common.js";
import { frameAt, fromFrames, parseTimecode, toFrames } from "./timecode.js";

export class Review {
  /** @param clipApi the clip's API root (default: the member's, from assetId); @param canResolve whether
   * comments get a Resolve button (members only); @param onGone called with the API's sentence when
   * it answers 401 or 410 (a share link withdrawn or expired), instead of showing it under the form. */
  constructor({ assetId, clipApi, video, overlay, list, form, text, where, error, tools, rate, startTimecode, seek, canResolve = true, onGone = null }) {
    Object.assign(this, { video, overlay, list, form, text, where, error, tools, seek, canResolve, onGone });
    this.frame = 0;
    this.use({ clipApi: clipApi ?? `/api/assets/${encodeURIComponent(assetId)}`, rate, startTimecode });
    for (const button of tools.querySelectorAll("button[data-tool]")) {
      button.addEventListener("click", () => this.choose(button.dataset.tool === this.tool ? null : button.dataset.tool));
    }
    tools.querySelector("#clear-drawing").addEventListener("click", () => this.clear());
    text.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !this.replyTo) return;
      event.preventDefault();
      this.stopAnswering();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.post();
    });
    this.bindPointer();
    new ResizeObserver(() => this.place()).observe(video);
    video.addEventListener("loadedmetadata", () => this.place());
  }

  /** Starts on a clip (the share page switches between the link's clips): nothing marked or drawn yet. */
  use({ clipApi, rate, startTimecode }) {
    this.api = `${clipApi}/comments`;
    this.rate = rate;
    this.start = parseTimecode(startTimecode, rate) ?? { h: 0, m: 0, s: 0, f: 0, drop: false };
    this.comments = [];
    this.replyTo = null;
    this.pending = [];
    this.marks = { in: null, out: null };
    this.frame = frameAt(this.video.currentTime || 0, rate);
    this.choose(null);
    this.showWhere();
    this.draw();
    this.list.replaceChildren();
  }

  /** A refusal from the API: a closed share link stops the page (onGone); anything else is said under the form. */
  refused(result) {
    const text = problemText(result);
    if ((result.status === 401 || result.status === 410) && this.onGone) this.onGone(text);
    else this.error.textContent = text;
  }

  label(frame) {
    return fromFrames(toFrames(this.start, this.rate) + frame, this.rate, this.start.drop);
  }

  frameNow() {
    return frameAt(this.video.currentTime, this.rate);
  }

  /** I, O and C, as in an editing system: mark in, mark out, write a comment; R and A pick a tool. */
  bindKeys(target) {
    target.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event)) return;
      const actions = {
        i: () => this.mark("in"),
        o: () => this.mark("out"),
        c: () => this.text.focus(),
        r: () => this.choose(this.tool === "rectangle" ? null : "rectangle"),
        a: () => this.choose(this.tool === "arrow" ? null : "arrow"),
      };
      const action = actions[event.key.toLowerCase()];
      if (!action) return;
      event.preventDefault();
      action();
    });
  }

  mark(which) {
    this.marks[which] = this.frameNow();
    this.showWhere();
  }

  choose(tool) {
    this.tool = tool;
    for (const button of this.tools.querySelectorAll("button[data-tool]")) {
      button.setAttribute("aria-pressed", String(button.dataset.tool === tool));
    }
    this.overlay.classList.toggle("drawing", tool !== null);
  }

  clear() {
    this.pending = [];
    this.marks = { in: null, out: null };
    this.showWhere();
    this.draw();
  }

  range() {
    const here = this.frameNow();
    const first = this.marks.in ?? (this.marks.out !== null ? Math.min(here, this.marks.out) : here);
    const last = this.marks.out ?? first;
    return { first, last };
  }

  showWhere() {
    if (this.replyTo) {
      const c = this.replyTo;
      const at = c.inFrame === c.outFrame ? c.timecodeIn : `${c.timecodeIn}–${c.timecodeOut}`;
      this.where.replaceChildren(`Reply to ${c.author} at ${at} `,
        el("button", { type: "button", className: "comment-reply-cancel", onclick: () => this.stopAnswering() }, "Cancel"));
      return;
    }
    const { first, last } = this.range();
    this.where.textContent = first === last ? `At ${this.label(first)}` : `${this.label(first)} – ${this.label(last)}`;
  }

  stopAnswering() {
    this.replyTo = null;
    this.showWhere();
  }

  async load() {
    const api = this.api;
    const result = await getJson(api);
    // Another clip was opened meanwhile: its comments are the ones to show.
    if (api !== this.api) return;
    if (!result.ok) {
      this.refused(result);
      return;
    }
    this.comments = result.body;
    this.render();
    this.draw();
  }

  render() {
    this.list.replaceChildren(...this.comments.map((c) => el("li", { className: `comment ${c.replyTo ? "reply" : ""} ${c.status}`, dataset: { id: c.id } },
      c.replyTo ? null : el("button", { type: "button", className: "comment-tc", onclick: () => this.seek(c.start) },
        c.inFrame === c.outFrame ? c.timecodeIn : `${c.timecodeIn}–${c.timecodeOut}`),
      el("span", { className: "comment-author", textContent: c.author }),
      c.drawing.length ? el("span", { className: "comment-drawn", title: "Has a drawing", textContent: "✎" }) : null,
      el("p", { className: "comment-text", textContent: c.text }),
      c.replyTo ? null : el("span", { className: "comment-actions" },
        this.form.hidden ? null : el("button", { type: "button", className: "comment-reply", onclick: () => this.answer(c) }, "Reply"),
        this.canResolve ? el("button", { type: "button", className: "comment-resolve", onclick: () => this.resolve(c) }, c.status === "resolved" ? "Reopen" : "Resolve") : null))));
    this.follow();
  }

  /** The form answers a thread: the reply goes on the thread's frames (the API takes them from it) and
   * carries no drawing (the pages show a thread's drawing only). Marks and shapes made meanwhile are
   * kept for the next comment; Esc or the form's Cancel gives the reply up. */
  answer(comment) {
    this.replyTo = comment;
    this.showWhere();
    this.text.focus();
  }

  /** Marks the comments whose frames the playhead is on, and scrolls the list (only the list, never
   * the page) to show the first of them. */
  follow() {
    let first = null;
    for (const item of this.list.children) {
      const c = this.comments.find((x) => x.id === item.dataset.id);
      const here = !!c && !c.replyTo && c.inFrame <= this.frame && this.frame <= c.outFrame;
      item.classList.toggle("current", here);
      if (here && !first) first = item;
    }
    if (first && first !== this.followed) {
      const [box, item] = [this.list.getBoundingClientRect(), first.getBoundingClientRect()];
      if (item.top < box.top) this.list.scrollTop -= box.top - item.top;
      else if (item.bottom > box.bottom) this.list.scrollTop += item.bottom - box.bottom;
    }
    this.followed = first;
  }

  async post() {
    const { first, last } = this.range();
    const reply = this.replyTo;
    const body = reply
      ? { text: this.text.value, replyTo: reply.id }
      : { text: this.text.value, frame: first, outFrame: last, drawing: this.pending.map((s) => ({ kind: s.kind, points: s.points })) };
    const response = await fetch(this.api, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
    const answer = await response.json().catch(() => null);
    if (!response.ok) {
      this.refused({ status: response.status, body: answer });
      return;
    }
    this.error.textContent = "";
    this.text.value = "";
    if (reply) {
      this.stopAnswering();
    } else {
      this.choose(null);
      this.clear();
    }
    await this.load();
  }

  async resolve(comment) {
    const response = await fetch(`${this.api}/${comment.id}`, {
      method: "PATCH", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ status: comment.status === "resolved" ? "open" : "resolved" }),
    });
    if (!response.ok) this.error.textContent = problemText({ status: response.status, body: await response.json().catch(() => null) });
    await this.load();
  }

  /** The overlay sits on the picture itself, not on the letterbox bars around it. */
  place() {
    const [vw, vh, bw, bh] = [this.video.videoWidth, this.video.videoHeight, this.video.clientWidth, this.video.clientHeight];
    const scale = vw > 0 && vh > 0 ? Math.min(bw / vw, bh / vh) : 0;
    const [w, h] = scale > 0 ? [vw * scale, vh * scale] : [bw, bh];
    Object.assign(this.overlay.style, { left: `${(bw - w) / 2}px`, top: `${(bh - h) / 2}px`, width: `${w}px`, height: `${h}px` });
  }

  update(seconds) {
    const frame = frameAt(seconds, this.rate);
    if (frame === this.frame) return;
    this.frame = frame;
    this.draw();
    this.follow();
    if (this.marks.in === null && this.marks.out === null) this.showWhere();
  }

  draw() {
    const shapes = this.comments
      .filter((c) => c.drawing.length && !c.replyTo && c.inFrame <= this.frame && this.frame <= c.outFrame)
      .flatMap((c) => c.drawing.map((s) => ({ ...s, saved: true })))
      .concat(this.pending);
    this.overlay.querySelector(".shapes").replaceChildren(...shapes.map((s) => shape(s, this.overlay.namespaceURI)));
  }

  bindPointer() {
    let current = null;
    const at = (event) => {
      const box = this.overlay.getBoundingClientRect();
      const clamp = (v) => Math.min(1, Math.max(0, v));
      return [round(clamp((event.clientX - box.left) / box.width)), round(clamp((event.clientY - box.top) / box.height))];
    };
    this.overlay.addEventListener("pointerdown", (event) => {
      if (!this.tool) return;
      event.preventDefault();
      this.overlay.setPointerCapture(event.pointerId);
      current = { kind: this.tool, points: [at(event), at(event)], color: "#ff3b30" };
      this.pending.push(current);
      this.draw();
    });
    this.overlay.addEventListener("pointermove", (event) => {
      if (!current) return;
      current.points[1] = at(event);
      this.draw();
    });
    const end = (event) => {
      if (!current) return;
      current.points[1] = at(event);
      const [[x1, y1], [x2, y2]] = current.points;
      // A click without a drag draws nothing.
      if (Math.abs(x2 - x1) < 0.005 && Math.abs(y2 - y1) < 0.005) this.pending.pop();
      current = null;
      this.draw();
      this.showWhere();
    };
    this.overlay.addEventListener("pointerup", end);
    this.overlay.addEventListener("pointercancel", end);
  }
}

const round = (v) => Math.round(v * 10000) / 10000;

/** An SVG element for a shape, in the overlay's own (SVG) namespace. */
function shape(s, namespace) {
  const [[x1, y1], [x2, y2]] = [s.points[0], s.points[s.points.length - 1]];
  let node;
  if (s.kind === "rectangle") {
    node = document.createElementNS(namespace, "rect");
    node.setAttribute("x", String(Math.min(x1, x2)));
    node.setAttribute("y", String(Math.min(y1, y2)));
    node.setAttribute("width", String(Math.abs(x2 - x1)));
    node.setAttribute("height", String(Math.abs(y2 - y1)));
  } else if (s.kind === "freehand") {
    node = document.createElementNS(namespace, "polyline");
    node.setAttribute("points", s.points.map(([x, y]) => `${x},${y}`).join(" "));
  } else {
    node = document.createElementNS(namespace, "line");
    for (const [name, value] of [["x1", x1], ["y1", y1], ["x2", x2], ["y2", y2]]) node.setAttribute(name, String(value));
    if (s.kind === "arrow") node.setAttribute("marker-end", "url(#arrow-head)");
  }
  node.setAttribute("class", `shape ${s.kind} ${s.saved ? "saved" : "pending"}`);
  node.setAttribute("stroke", s.color ?? "#ff3b30");
  node.setAttribute("vector-effect", "non-scaling-stroke");
  return node;
}
