// NLE-style transport on an HTML video: L plays forward and each further L doubles the speed, J does the
// same in reverse, K stops; K held with J or L steps one frame. Browsers cannot play video backwards
// (Chromium refuses a negative playbackRate), so reverse is stepped by seeking on animation frames.
import { isTyping } from "./common.js";

const maxSpeed = 16; // Chromium's highest playbackRate that still plays audio-free video smoothly.

export class Transport {
  /** @param video the player; @param fps frames per second of the clip; @param onChange called after each state change */
  constructor(video, fps, onChange) {
    this.video = video;
    this.fps = fps;
    this.onChange = onChange;
    this.direction = 0; // -1 reverse, 0 stopped, 1 forward
    this.speed = 1;
    this.reverseFrame = 0;
    this.playRequests = 0;
    this.kHeld = false;
    video.addEventListener("play", () => {
      // Also started from the native controls: follow them. The event is queued, so it can arrive
      // after K (pause) and J (reverse) pressed at once after L; a play already paused again is stale
      // and must not turn a reverse just started into forward (whose queued pause would then stop it).
      if (video.paused) return;
      this.stopReverse();
      this.direction = 1;
      this.speed = video.playbackRate;
      this.onChange();
    });
    video.addEventListener("pause", () => {
      if (this.direction === 1) {
        this.direction = 0;
        this.speed = 1;
        this.onChange();
      }
    });
  }

  forward() {
    if (this.direction === 1) {
      this.speed = Math.min(this.speed * 2, maxSpeed);
    } else {
      this.stopReverse();
      this.speed = 1;
    }
    this.direction = 1;
    this.video.playbackRate = this.speed;
    // play() settles late: when K (pause) follows L at once, its rejection arrives after the editor
    // may already have pressed J. Only a refusal of the play still in force stops the transport.
    const request = ++this.playRequests;
    this.video.play().catch(() => {
      if (request === this.playRequests && this.direction === 1) this.stop();
    });
    this.onChange();
  }

  reverse() {
    if (this.direction === -1) {
      this.speed = Math.min(this.speed * 2, maxSpeed);
      this.onChange();
      return;
    }
    this.direction = -1;
    this.speed = 1;
    this.video.pause();
    let last = performance.now();
    let position = this.video.currentTime;
    const tick = (now) => {
      if (this.direction !== -1) return;
      position = Math.max(0, position - ((now - last) / 1000) * this.speed);
      last = now;
      // Seek only when the previous seek finished, or seeks pile up and the picture freezes.
      if (!this.video.seeking) this.video.currentTime = position;
      if (position <= 0) {
        this.stop();
        return;
      }
      this.reverseFrame = requestAnimationFrame(tick);
    };
    this.reverseFrame = requestAnimationFrame(tick);
    this.onChange();
  }

  stop() {
    this.stopReverse();
    this.direction = 0;
    this.speed = 1;
    this.video.pause();
    this.video.playbackRate = 1;
    this.onChange();
  }

  toggle() {
    if (this.direction === 0) this.forward();
    else this.stop();
  }

  /** Moves `frames` frames from the frame on screen and stops there. */
  step(frames) {
    this.stop();
    const current = Math.floor(this.video.currentTime * this.fps + 1e-6);
    const duration = Number.isFinite(this.video.duration) ? this.video.duration : Infinity;
    const target = Math.max(0, current + frames);
    // Land a hair inside the frame so rounding never shows the previous one.
    this.video.currentTime = Math.min(duration, (target + 1e-3) / this.fps);
    this.onChange();
  }

  stopReverse() {
    cancelAnimationFrame(this.reverseFrame);
    if (this.direction === -1) this.direction = 0;
  }

  get label() {
    if (this.direction === 0) return "";
    return `${this.direction === 1 ? "▶" : "◀"} ${this.speed}×`;
  }

  /** Keyboard shortcuts on the whole page, except while the editor types into a field. */
  bindKeys(target) {
    target.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || isTyping(event)) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const actions = {
        j: () => (this.kHeld ? this.step(-1) : this.reverse()),
        k: () => {
          this.kHeld = true;
          this.stop();
        },
        l: () => (this.kHeld ? this.step(1) : this.forward()),
        " ": () => this.toggle(),
        ArrowLeft: () => this.step(-1),
        ArrowRight: () => this.step(1),
      };
      const action = actions[key];
      if (!action) return;
      // Keep the focused control (a transcript line, the video's own controls) from acting on it too.
      event.preventDefault();
      event.stopPropagation();
      if (event.repeat && key === "k") return;
      action();
    }, { capture: true });
    target.addEventListener("keyup", (event) => {
      if (event.key.toLowerCase() === "k") this.kHeld = false;
    }, { capture: true });
    target.addEventListener("blur", () => {
      this.kHeld = false;
    });
  }
}
