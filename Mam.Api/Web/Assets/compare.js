// Version compare: two versions of a stack side by side, or one over the other with a draggable wipe.
// One transport (J/K/L, arrows, space) drives the left version; the right one follows it frame for frame:
// seeks are mirrored at once, and while playing a drift of more than two frames is corrected. Each side
// lists the comments made on its own version. Everything from the API goes in as textContent.
import { el, getJson, problemText } from "./common.js";
import { frameAt, parseRate, timecodeAt } from "./timecode.js";
import { Transport } from "./transport.js";

const $ = (id) => document.getElementById(id);
const parts = location.pathname.split("/").filter(Boolean);
const assetA = decodeURIComponent(parts[1] ?? "");
const assetB = new URLSearchParams(location.search).get("with") ?? "";
const a = $("video-a");
const b = $("video-b");
const divider = $("divider");

function fail(text) {
  $("message").textContent = text;
  $("message").hidden = false;
  $("compare").hidden = true;
}

async function side(assetId) {
  const api = `/api/assets/${encodeURIComponent(assetId)}`;
  const [asset, comments] = await Promise.all([getJson(api), getJson(`${api}/comments`)]);
  if (!asset.ok) return { error: problemText(asset) };
  const technical = asset.body.technical ?? {};
  const rate = parseRate(technical.frameRate, technical.framesPerSecond) ?? { num: 25, den: 1 };
  return { assetId, api, asset: asset.body, comments: comments.ok ? comments.body : [], rate, start: technical.startTimecode };
}

async function load() {
  if (!assetB || assetB === assetA) {
    fail("Choose the version to compare with: open a clip, and pick \"Compare\" beside another version of its stack.");
    return;
  }
  const [left, right, stack] = await Promise.all([side(assetA), side(assetB), getJson(`/api/assets/${encodeURIComponent(assetA)}/versions`)]);
  if (left.error || right.error) {
    fail(left.error ?? right.error);
    return;
  }
  const number = (id) => stack.ok ? stack.body.versions.find((v) => v.assetId === id)?.number : undefined;
  left.label = number(assetA) ? `v${number(assetA)} · ${left.asset.clipName}` : left.asset.clipName;
  right.label = number(assetB) ? `v${number(assetB)} · ${right.asset.clipName}` : right.asset.clipName;
  document.title = `${left.label} ↔ ${right.label} · MAM`;
  $("compare-title").textContent = `${left.label} ↔ ${right.label}`;
  $("compare-where").textContent = [left.asset.project, stack.ok && !stack.body.versions.some((v) => v.assetId === assetB) ? "not in the same version stack" : null].filter(Boolean).join(" · ");
  $("back").href = `/clips/${encodeURIComponent(assetA)}`;
  $("compare").hidden = false;
  show(left, right);
}

function show(left, right) {
  const sides = [[left, $("side-a"), a], [right, $("side-b"), b]];
  for (const [s, section, video] of sides) {
    section.querySelector("h2").textContent = s.label;
    video.setAttribute("aria-label", `Proxy of ${s.asset.clipName}`);
    s.list = section.querySelector('[data-part="comments"]');
    s.tc = section.querySelector('[data-part="tc"]');
    s.list.replaceChildren(...s.comments.filter((c) => !c.replyTo).map((c) => el("li", { dataset: { in: String(c.inFrame), out: String(c.outFrame) } },
      el("button", { type: "button", className: "comment-tc", onclick: () => seek(c.start) }, c.inFrame === c.outFrame ? c.timecodeIn : `${c.timecodeIn}–${c.timecodeOut}`),
      el("span", { className: "comment-author", textContent: c.author }),
      el("p", { className: "comment-text", textContent: c.text }))));
    if (s.comments.length === 0) s.list.append(el("li", { className: "quiet-text", textContent: "No comments on this version." }));
  }
  const fps = left.rate.num / left.rate.den;

  const seek = (seconds) => {
    transport.stop();
    a.currentTime = Math.max(0, Math.min(seconds, Number.isFinite(a.duration) ? a.duration : seconds));
  };

  // The follower: the right-hand picture is kept on the left one's time.
  const follow = (exact) => {
    if (b.readyState === 0) return;
    const target = Math.min(a.currentTime, Number.isFinite(b.duration) ? b.duration : a.currentTime);
    if (!a.paused) {
      if (b.playbackRate !== a.playbackRate) b.playbackRate = a.playbackRate;
      if (b.paused) b.play().catch(() => {});
      if (!b.seeking && Math.abs(b.currentTime - target) > 2 / fps) b.currentTime = target;
    } else {
      if (!b.paused) b.pause();
      if (!b.seeking && (exact || Math.abs(b.currentTime - target) > 0.25 / fps)) b.currentTime = target;
    }
  };

  const update = () => {
    for (const [s, , video] of sides) {
      const t = video === a ? a.currentTime : b.currentTime;
      s.tc.textContent = timecodeAt(t, s.rate, s.start);
      const frame = frameAt(t, s.rate);
      for (const item of s.list.children) {
        item.classList.toggle("here", item.dataset.in !== undefined && Number(item.dataset.in) <= frame && frame <= Number(item.dataset.out));
      }
    }
    $("playhead").textContent = timecodeAt(a.currentTime, left.rate, left.start);
  };

  let running = false;
  const loop = () => {
    if (running) return;
    running = true;
    const step = () => {
      follow(false);
      update();
      if (!a.paused || transport.direction === -1) requestAnimationFrame(step);
      else {
        running = false;
        follow(true);
      }
    };
    requestAnimationFrame(step);
  };

  const transport = new Transport(a, fps, () => {
    $("speed").textContent = transport.label;
    document.body.dataset.transport = transport.direction === 1 ? "forward" : transport.direction === -1 ? "reverse" : "stopped";
    loop();
  });
  transport.bindKeys(window);

  a.addEventListener("seeking", () => follow(true));
  a.addEventListener("seeked", () => {
    follow(true);
    update();
  });
  a.addEventListener("play", loop);
  a.addEventListener("pause", () => follow(true));
  // A seek of the follower asked for while it was still seeking is caught up when it lands.
  b.addEventListener("seeked", () => {
    if (a.paused && !a.seeking && Math.abs(b.currentTime - a.currentTime) > 0.25 / fps) follow(true);
    update();
  });
  b.addEventListener("loadedmetadata", () => follow(true));
  a.addEventListener("timeupdate", update);
  for (const [s, , video] of sides) {
    video.addEventListener("error", () => {
      s.tc.textContent = "No proxy to play (yet).";
    }, { once: true });
  }

  bindWipe();
  a.src = `${left.api}/proxy`;
  b.src = `${right.api}/proxy`;
  update();
}

/** The wipe: the right-hand version over the left, shown right of the divider. */
function bindWipe() {
  let position = 50;
  const place = () => {
    b.style.clipPath = document.body.classList.contains("wipe") ? `inset(0 0 0 ${position}%)` : "";
    divider.style.left = `${position}%`;
    divider.setAttribute("aria-valuenow", String(Math.round(position)));
  };
  const mode = (wipe) => {
    document.body.classList.toggle("wipe", wipe);
    $("mode-wipe").setAttribute("aria-pressed", String(wipe));
    $("mode-side").setAttribute("aria-pressed", String(!wipe));
    divider.hidden = !wipe;
    place();
  };
  $("mode-side").addEventListener("click", () => mode(false));
  $("mode-wipe").addEventListener("click", () => mode(true));
  window.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key.toLowerCase();
    if (key === "w") mode(!document.body.classList.contains("wipe"));
    else if ((key === "[" || key === "]") && document.body.classList.contains("wipe")) {
      position = Math.min(100, Math.max(0, position + (key === "]" ? 5 : -5)));
      place();
    } else return;
    event.preventDefault();
  });
  let dragging = false;
  const at = (event) => {
    const box = $("stage").getBoundingClientRect();
    position = Math.min(100, Math.max(0, ((event.clientX - box.left) / box.width) * 100));
    place();
  };
  divider.addEventListener("pointerdown", (event) => {
    dragging = true;
    divider.setPointerCapture(event.pointerId);
    event.preventDefault();
  });
  divider.addEventListener("pointermove", (event) => {
    if (dragging) at(event);
  });
  const end = () => {
    dragging = false;
  };
  divider.addEventListener("pointerup", end);
  divider.addEventListener("pointercancel", end);
  place();
}

load().catch((error) => fail(`The versions could not be loaded: ${error.message}`));
