// The clip's audio under the player: peaks from /api/assets/{id}/waveform (min/max pairs, 8-bit, as
// BBC's audiowaveform writes them) drawn on a canvas; a click seeks there, a line follows the playhead.
export async function renderWaveform(section, canvas, url, duration, seek) {
  const response = await fetch(url, { headers: { Accept: "application/json" } }).catch(() => null);
  if (!response?.ok) {
    section.hidden = true;
    return null;
  }
  const peaks = await response.json();
  section.hidden = false;
  const draw = () => {
    const width = (canvas.width = canvas.clientWidth * devicePixelRatio);
    const height = (canvas.height = canvas.clientHeight * devicePixelRatio);
    const context = canvas.getContext("2d");
    context.clearRect(0, 0, width, height);
    context.fillStyle = getComputedStyle(canvas).color;
    const points = peaks.length;
    const middle = height / 2;
    for (let x = 0; x < width; x++) {
      // Each pixel column shows the loudest of the peaks that fall in it.
      const from = Math.floor((x / width) * points);
      const to = Math.max(from + 1, Math.floor(((x + 1) / width) * points));
      let low = 0;
      let high = 0;
      for (let i = from; i < to && i < points; i++) {
        low = Math.min(low, peaks.data[2 * i]);
        high = Math.max(high, peaks.data[2 * i + 1]);
      }
      context.fillRect(x, middle - (high / 128) * middle, 1, Math.max(1, ((high - low) / 128) * middle));
    }
  };
  draw();
  new ResizeObserver(draw).observe(canvas);
  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    if (box.width > 0) seek(((event.clientX - box.left) / box.width) * duration());
  });
  const line = section.querySelector(".waveform-playhead");
  return (seconds) => {
    const d = duration();
    if (d > 0) line.style.left = `${Math.min(100, (seconds / d) * 100)}%`;
  };
}

// What the pipeline has still to do for this clip, in the registry's words ("Still coming: makes the
// proxy, poster and filmstrip; …"), so an editor knows the transcript is there and the tags are not yet.
export async function renderComing(element, asset) {
  const waiting = (asset.stages ?? []).filter((s) => s.status === "pending" || s.status === "running");
  if (waiting.length === 0) {
    element.hidden = true;
    return;
  }
  const stages = await fetch("/api/pipeline/stages").then((r) => (r.ok ? r.json() : [])).catch(() => []);
  const purpose = new Map(stages.map((s) => [s.stage, s.purpose]));
  element.textContent = "Still coming: " + waiting.map((s) => `${purpose.get(s.stage) ?? s.stage}${s.status === "running" ? " (running)" : ""}`).join("; ") + ".";
  element.hidden = false;
}
