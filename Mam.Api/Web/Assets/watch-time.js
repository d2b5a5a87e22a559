// Tells the server how long the clip was watched on this page, for the audit trail ("watch"): the
// seconds the picture moved (forward, reverse, at any speed), reported every 15 s while it plays, when
// it stops, and when the page is hidden or left. The server adds the reports of one view up.
const reportEvery = 15000;
const largestReport = 300; // the server's limit for one report

/** An id for this opening of the clip; crypto.randomUUID needs a secure context, which plain HTTP on a LAN is not. */
export function newViewId() {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

export class WatchTime {
  constructor(assetId, viewId) {
    this.assetId = assetId;
    this.viewId = viewId;
    this.unreported = 0;
    this.playingSince = null;
    this.timer = 0;
    addEventListener("pagehide", () => this.report());
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") this.report();
    });
  }

  /** The picture moves (again). */
  playing() {
    if (this.playingSince !== null) return;
    this.playingSince = performance.now();
    this.timer = setInterval(() => this.report(), reportEvery);
  }

  /** The picture stopped: what was watched is reported now. */
  stopped() {
    if (this.playingSince === null) return;
    this.collect();
    this.playingSince = null;
    clearInterval(this.timer);
    this.report();
  }

  collect() {
    if (this.playingSince === null) return;
    const now = performance.now();
    this.unreported += (now - this.playingSince) / 1000;
    this.playingSince = now;
  }

  report() {
    this.collect();
    const seconds = Math.min(Math.round(this.unreported * 10) / 10, largestReport);
    if (seconds <= 0) return;
    this.unreported = 0;
    // keepalive: the report still goes when it is sent as the page is being left.
    fetch(`/api/assets/${encodeURIComponent(this.assetId)}/watched`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ view: this.viewId, seconds }),
      keepalive: true,
    }).catch(() => {});
  }
}
