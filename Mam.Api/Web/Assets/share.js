// The page a guest of a share link sees: the door (password if the link has one, a name and an
// e-mail), then the shared clips with a player and the clip page's transport keys, their comments (the
// ones on the playhead marked as it plays, drawings shown on their frames), and what the link allows:
// commenting on a frame or an I/O range and drawing over the picture (the clip page's review.js), a
// decision (guest-approval.js), downloads. Everything it shows comes from /share/{token}/api, which
// checks the link on every request: a withdrawn or expired link stops the page at its next call.
import { GuestApproval } from "./guest-approval.js";
import { Review } from "./review.js";
import { parseRate, timecodeAt } from "./timecode.js";
import { Transport } from "./transport.js";

const token = location.pathname.split("/")[2] ?? "";
const api = `/share/${encodeURIComponent(token)}/api`;
const $ = (id) => document.getElementById(id);
const reportEvery = 15000;

let clip = null;
let review = null;
let approval = null;
let transport = null;

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

function say(text) {
  $("status").textContent = text;
}

/** A refusal after the door (the link withdrawn or expired meanwhile): the page stops showing footage. */
async function stopped(response) {
  stop(await problemText(response));
}

function stop(text) {
  transport?.stop();
  $("review").hidden = true;
  $("player").removeAttribute("src");
  $("player").load();
  say(text);
}

async function start() {
  const me = await fetch(`${api}/me`);
  if (me.ok) return enter(await me.json());
  if (me.status !== 401) return say(await problemText(me));
  const door = await fetch(`${api}/door`);
  if (!door.ok) return say(await problemText(door));
  const { passwordRequired } = await door.json();
  $("password-row").hidden = !passwordRequired;
  $("door").hidden = false;
  (passwordRequired ? $("password") : $("name")).focus();
}

$("door").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch(`${api}/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name: $("name").value, email: $("email").value, password: $("password").value || null }),
  });
  if (!response.ok) return say(await problemText(response));
  $("password").value = "";
  $("door").hidden = true;
  say("");
  enter(await response.json());
});

async function enter(me) {
  $("who").textContent = `${me.name} · shared by ${me.sharedBy}`;
  const response = await fetch(`${api}/clips`);
  if (!response.ok) return stopped(response);
  const clips = await response.json();
  const list = $("clips");
  list.replaceChildren();
  for (const c of clips) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = c.clipName;
    button.addEventListener("click", () => open(c));
    li.append(button);
    list.append(li);
  }
  $("review").hidden = false;
  prepare(me.rights);
  if (clips.length > 0) open(clips[0]);
}

/** The review tools, once: comments for everyone, the form, keys and drawing only with the right to
 * comment (the API refuses the rest anyway), the decision only with the right to approve. */
function prepare(rights) {
  const player = $("player");
  const commenting = rights.includes("comment");
  $("comment-form").hidden = !commenting;
  $("review-keys").hidden = !commenting;
  review = new Review({
    clipApi: api, video: player, overlay: $("drawing"), list: $("comments"), form: $("comment-form"), text: $("comment-text"),
    where: $("comment-where"), error: $("comment-error"), tools: $("draw-tools"), rate: { num: 25, den: 1 },
    seek, canResolve: false, onGone: stop,
  });
  if (commenting) review.bindKeys(window);
  if (rights.includes("approve")) {
    approval = new GuestApproval({ root: $("approval"), onGone: stop });
    $("approval").hidden = false;
  }
  transport = new Transport(player, 25, () => {
    $("speed").textContent = transport.label;
    showPlayhead();
    follow();
  });
  transport.bindKeys(window);
}

function seek(seconds) {
  const player = $("player");
  const duration = Number.isFinite(player.duration) ? player.duration : seconds;
  player.currentTime = Math.min(Math.max(0, seconds), duration);
  showPlayhead();
}

function open(c) {
  watched.report();
  transport?.stop();
  // A clip without a rate counts 25 frames a second, as the API does.
  const rate = parseRate(c.frameRate, 25) ?? { num: 25, den: 1 };
  clip = { ...c, rate };
  const clipApi = `${api}/clips/${encodeURIComponent(c.id)}`;
  transport.fps = rate.num / rate.den;
  review.use({ clipApi, rate, startTimecode: c.startTimecode });
  $("title").textContent = c.clipName;
  const player = $("player");
  if (c.proxy) player.src = c.proxy;
  else say("This clip has no proxy yet; its comments are below.");
  const downloads = $("downloads");
  downloads.replaceChildren();
  for (const [url, words] of [[c.proxyDownload, "Download the proxy"], [c.originalDownload, "Download the original"]]) {
    if (!url) continue;
    const a = document.createElement("a");
    a.href = url;
    a.textContent = words;
    a.setAttribute("download", "");
    downloads.append(a, " ");
  }
  showPlayhead();
  review.load();
  approval?.open(clipApi);
}

function showPlayhead() {
  if (!clip) return;
  const t = $("player").currentTime || 0;
  $("playhead").textContent = timecodeAt(t, clip.rate, clip.startTimecode);
  review.update(t);
}

// timeupdate comes only ~4 times a second; while the picture moves, follow it every frame.
let following = false;
function follow() {
  if (following) return;
  following = true;
  const step = () => {
    showPlayhead();
    if (!$("player").paused || transport.direction === -1) requestAnimationFrame(step);
    else following = false;
  };
  requestAnimationFrame(step);
}

/** The stretches of the clip the picture moved through, reported for the link's access log. */
class Watched {
  constructor() {
    this.pending = [];
    this.current = null;
  }

  moved(t, playing) {
    if (!playing) return this.close();
    if (this.current && t >= this.current[1] && t - this.current[1] < 1.5) this.current[1] = t;
    else {
      this.close();
      this.current = [t, t];
    }
  }

  close() {
    if (this.current && this.current[1] > this.current[0]) this.pending.push(this.current);
    this.current = null;
  }

  report() {
    const playing = this.current;
    this.close();
    if (playing && clip) this.current = [playing[1], playing[1]];
    if (!clip || this.pending.length === 0) return;
    const ranges = this.pending.map(([a, b]) => [Math.round(a * 1000) / 1000, Math.round(b * 1000) / 1000]);
    this.pending = [];
    // keepalive: the report still goes when it is sent as the page is being left.
    fetch(`${api}/clips/${clip.id}/watched`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ranges }),
      keepalive: true,
    }).catch(() => {});
  }
}

const watched = new Watched();
const player = $("player");
player.addEventListener("timeupdate", () => {
  watched.moved(player.currentTime, !player.paused && !player.seeking);
  showPlayhead();
});
player.addEventListener("seeking", () => watched.close());
player.addEventListener("seeked", showPlayhead);
player.addEventListener("play", follow);
player.addEventListener("pause", () => watched.report());
player.addEventListener("ended", () => watched.report());
player.addEventListener("error", async () => {
  // A withdrawn link: the proxy answers 410 and the page says why.
  const check = await fetch(`${api}/me`);
  if (!check.ok) stopped(check);
});
setInterval(() => watched.report(), reportEvery);
addEventListener("pagehide", () => watched.report());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") watched.report();
});

start();
