// The page a guest of a share link sees: the door (password if the link has one, a name and an
// e-mail), then the shared clips with a player, their comments, a comment box when the link allows
// it, and the downloads it allows. Everything it shows comes from /share/{token}/api, which checks the
// link on every request: a withdrawn or expired link stops the page at its next call.
import { parseRate, frameAt, timecodeAt } from "./timecode.js";

const token = location.pathname.split("/")[2] ?? "";
const api = `/share/${encodeURIComponent(token)}/api`;
const $ = (id) => document.getElementById(id);
const reportEvery = 15000;

let clip = null;
let guest = null;

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
  const text = await problemText(response);
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
  guest = me;
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
  $("comment-form").hidden = !me.rights.includes("comment");
  if (clips.length > 0) open(clips[0]);
}

function open(c) {
  watched.report();
  clip = { ...c, rate: parseRate(c.frameRate, 25) };
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
  loadComments();
}

function currentFrame() {
  return frameAt($("player").currentTime || 0, clip.rate);
}

function showPlayhead() {
  if (!clip) return;
  const label = timecodeAt($("player").currentTime || 0, clip.rate, clip.startTimecode);
  $("playhead").textContent = label;
  $("comment-at").textContent = label;
}

async function loadComments() {
  const response = await fetch(`${api}/clips/${clip.id}/comments`);
  if (!response.ok) return stopped(response);
  const list = $("comments");
  list.replaceChildren();
  for (const c of await response.json()) {
    const li = document.createElement("li");
    if (c.replyTo) li.className = "reply";
    const at = document.createElement("button");
    at.type = "button";
    at.className = "timecode";
    at.textContent = c.timecodeIn === c.timecodeOut ? c.timecodeIn : `${c.timecodeIn}–${c.timecodeOut}`;
    at.addEventListener("click", () => { $("player").currentTime = c.start; });
    const author = document.createElement("span");
    author.className = "comment-author";
    author.textContent = c.author;
    const text = document.createElement("span");
    text.className = "comment-text";
    // Text, never markup: what anyone typed shows as typed.
    text.textContent = c.text;
    li.append(at, " ", author, ": ", text);
    list.append(li);
  }
}

$("comment-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const response = await fetch(`${api}/clips/${clip.id}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text: $("comment-text").value, frame: currentFrame() }),
  });
  if (response.status === 401 || response.status === 410) return stopped(response);
  if (!response.ok) return say(await problemText(response));
  $("comment-text").value = "";
  say("");
  loadComments();
});

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
