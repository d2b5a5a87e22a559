// The clip page: proxy player opened at ?t=seconds, playhead timecode, filmstrip, transcript and tags
// that follow playback, review comments with drawings on the frame, technical metadata, QC and exports.
import { Approvals } from "./approvals.js";
import { getJson, problemText } from "./common.js";
import { renderExports, renderQc, renderTechnical } from "./clip-details.js";
import { Review } from "./review.js";
import { renderTimeline } from "./tags-timeline.js";
import { parseRate, secondsAt, timecodeAt } from "./timecode.js";
import { TranscriptView } from "./transcript-view.js";
import { Transport } from "./transport.js";
import { renderComing, renderWaveform } from "./waveform.js";
import { newViewId, WatchTime } from "./watch-time.js";

const $ = (id) => document.getElementById(id);
const video = $("player");
const playhead = $("playhead");
const speed = $("speed");
const filmstrip = $("filmstrip");
const filmstripImage = $("filmstrip-image");
const filmstripPlayhead = filmstrip.querySelector(".filmstrip-playhead");

const assetId = decodeURIComponent(location.pathname.split("/").filter(Boolean).pop() ?? "");
const requested = Number.parseFloat(new URLSearchParams(location.search).get("t") ?? "0");
const startAt = Number.isFinite(requested) && requested > 0 ? requested : 0;
const api = `/api/assets/${encodeURIComponent(assetId)}`;
// This opening of the clip: the audit trail's "view-clip" row and the seconds watched name it.
const viewId = newViewId();

function fail(text) {
  $("clip-name").textContent = "Clip not available";
  $("message").textContent = text;
  $("message").hidden = false;
  $("clip").hidden = true;
}

async function load() {
  // The three documents are independent; ask for them at once.
  const [asset, transcript, tags] = await Promise.all([
    getJson(`${api}?view=${viewId}`), getJson(`${api}/transcript`), getJson(`${api}/tags`).catch(() => null),
  ]);
  if (!asset.ok) {
    fail(asset.status === 404 ? `There is no clip ${assetId}. It may have been removed, or the link is incomplete.` : problemText(asset));
    return;
  }
  show(asset.body, transcript.ok ? transcript.body : null, tags?.ok ? tags.body : null);
}

function show(asset, transcript, tags) {
  const technical = asset.technical ?? {};
  const rate = parseRate(technical.frameRate, technical.framesPerSecond);
  const fps = rate ? rate.num / rate.den : 25;
  const clock = (seconds) => (rate ? timecodeAt(seconds, rate, technical.startTimecode) : `${seconds.toFixed(2)} s`);
  const duration = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration : technical.durationSeconds ?? 0);

  document.title = `${asset.clipName} · MAM`;
  $("clip-name").textContent = asset.clipName;
  $("clip-where").textContent = [asset.project, asset.card, technical.camera].filter(Boolean).join(" · ");
  // Back to the search the editor came from, if they came from one.
  if (document.referrer && new URL(document.referrer).origin === location.origin && /^\/(search)?$/.test(new URL(document.referrer).pathname)) {
    $("back").href = new URL(document.referrer).pathname + new URL(document.referrer).search;
  }
  $("clip").hidden = false;
  video.setAttribute("aria-label", `Proxy of ${asset.clipName}`);

  const seek = (seconds) => {
    video.currentTime = Math.min(Math.max(0, seconds), duration() || seconds);
    sync();
  };

  const transcriptView = new TranscriptView($("transcript"), seek);
  const segments = transcript?.segments ?? [];
  transcriptView.render(segments);
  $("transcript-empty").hidden = segments.length > 0;
  $("transcript-empty").textContent = asset.state === "processing" ? "The transcript is still being made." : "No dialogue was transcribed in this clip.";

  renderTechnical($("technical"), asset);
  renderQc($("qc"), asset.qc);
  renderExports($("exports"), assetId, asset.clipName);

  // Comments count frames on the clip's clock; a clip without a rate counts 25 a second, as the API does.
  const review = new Review({
    assetId, video, overlay: $("drawing"), list: $("comments"), form: $("comment-form"), text: $("comment-text"),
    where: $("comment-where"), error: $("comment-error"), tools: $("draw-tools"), rate: rate ?? { num: 25, den: 1 },
    startTimecode: technical.startTimecode, seek,
  });
  review.bindKeys(window);
  review.load();
  new Approvals({ assetId, project: asset.project, root: $("approval-panel") }).load();

  let moveTimelinePlayhead = null;
  let moveWaveformPlayhead = null;
  const drawTimeline = () => {
    moveTimelinePlayhead = renderTimeline($("timeline-section"), $("timeline"), tags, duration(), seek);
  };

  const watched = new WatchTime(assetId, viewId);
  const transport = new Transport(video, fps, () => {
    if (transport.direction === 0) watched.stopped();
    else watched.playing();
    speed.textContent = transport.label;
    document.body.dataset.transport = transport.direction === 1 ? "forward" : transport.direction === -1 ? "reverse" : "stopped";
    document.body.dataset.speed = String(transport.speed);
    sync();
    follow();
  });
  transport.bindKeys(window);

  // Before the proxy's metadata has loaded the video says 0 (unless sought): the page is still where
  // the address opens it.
  const position = () => (video.readyState > 0 || video.currentTime > 0 ? video.currentTime : startAt);

  function sync() {
    const t = position();
    playhead.textContent = clock(t);
    transcriptView.update(t);
    review.update(t);
    moveTimelinePlayhead?.(t);
    moveWaveformPlayhead?.(t);
    const d = duration();
    if (d > 0) filmstripPlayhead.style.left = `${Math.min(100, (t / d) * 100)}%`;
  }

  // timeupdate comes only ~4 times a second; while the picture moves, follow it every frame.
  let following = false;
  function follow() {
    if (following) return;
    following = true;
    const step = () => {
      sync();
      if (!video.paused || transport.direction === -1) requestAnimationFrame(step);
      else following = false;
    };
    requestAnimationFrame(step);
  }

  // The address always opens the clip where the editor stopped, so it can be shared or bookmarked.
  const remember = () => {
    if (!video.paused || transport.direction !== 0) return;
    const url = new URL(location.href);
    url.searchParams.set("t", String(Number(video.currentTime.toFixed(3))));
    history.replaceState(null, "", url);
  };

  video.addEventListener("timeupdate", sync);
  video.addEventListener("seeked", () => {
    sync();
    remember();
  });
  video.addEventListener("pause", remember);
  video.addEventListener("play", follow);
  video.addEventListener("loadedmetadata", () => {
    if (startAt > 0) video.currentTime = Math.min(startAt, video.duration || startAt);
    drawTimeline();
    sync();
  }, { once: true });
  video.addEventListener("error", () => {
    $("player").closest(".player-frame").classList.add("no-proxy");
    speed.textContent = "No proxy to play (yet).";
  }, { once: true });

  $("goto").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = $("goto-tc");
    const seconds = rate ? secondsAt(field.value, rate, technical.startTimecode) : Number.parseFloat(field.value);
    const valid = typeof seconds === "number" && Number.isFinite(seconds) && seconds <= (duration() || Infinity);
    field.setAttribute("aria-invalid", valid ? "false" : "true");
    $("goto-error").textContent = valid ? "" : `Not a timecode in this clip (${clock(0)} to ${clock(Math.max(0, duration() - 1 / fps))}).`;
    if (valid) seek(seconds);
  });

  filmstripImage.addEventListener("error", () => {
    filmstrip.hidden = true;
  }, { once: true });
  filmstrip.addEventListener("click", (event) => {
    const box = filmstripImage.getBoundingClientRect();
    if (box.width > 0) seek(((event.clientX - box.left) / box.width) * duration());
  });

  drawTimeline();
  sync();
  video.src = `${api}/proxy`;
  filmstripImage.src = `${api}/filmstrip`;
  renderWaveform($("waveform-section"), $("waveform"), `${api}/waveform`, duration, seek).then((move) => {
    moveWaveformPlayhead = move;
  });
  renderComing($("coming"), asset);
  addCaptions();
}

function addCaptions() {
  const track = document.createElement("track");
  track.kind = "captions";
  track.label = "Transcript";
  track.srclang = "en";
  track.src = `${api}/transcript.vtt`;
  video.append(track);
}

load().catch((error) => fail(`The clip could not be loaded: ${error.message}`));
