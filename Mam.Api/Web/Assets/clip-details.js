// Technical metadata, QC and export links of the clip page.
import { el, formatSeconds } from "./common.js";

const known = ["container", "formatName", "durationSeconds", "frameRate", "framesPerSecond", "startTimecode", "videoCodec", "width", "height", "audioStreams", "audioLayout", "recordedAt", "camera"];

export function renderTechnical(list, asset) {
  const t = asset.technical ?? {};
  const rows = [
    ["Duration", typeof t.durationSeconds === "number" ? `${formatSeconds(t.durationSeconds)} (${t.durationSeconds.toFixed(2)} s)` : null],
    ["Start timecode", t.startTimecode],
    ["Frame rate", t.framesPerSecond ? `${t.framesPerSecond} fps${t.frameRate && t.frameRate.includes("/") ? ` (${t.frameRate})` : ""}` : t.frameRate],
    ["Resolution", t.width && t.height ? `${t.width} × ${t.height}` : null],
    ["Video codec", t.videoCodec],
    ["Container", t.container],
    ["Audio", typeof t.audioStreams === "number" ? `${t.audioStreams} ${t.audioStreams === 1 ? "stream" : "streams"}${t.audioLayout ? `, ${t.audioLayout}` : ""}` : null],
    ["Camera", t.camera ?? asset.camera],
    ["Recorded", recorded(t.recordedAt)],
    // Fields the API gains later still show, under their own name.
    ...Object.entries(t).filter(([key, value]) => !known.includes(key) && value !== null && typeof value !== "object").map(([key, value]) => [humanize(key), String(value)]),
    ["Pipeline", asset.state],
  ].filter(([, value]) => value !== null && value !== undefined && value !== "");
  list.replaceChildren(...rows.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, String(value))]));
}

function recorded(value) {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function humanize(key) {
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function renderQc(box, qc) {
  if (!qc || !qc.status) {
    box.hidden = true;
    return;
  }
  const status = String(qc.status).toLowerCase();
  const figures = [
    typeof qc.integratedLufs === "number" ? `${qc.integratedLufs.toFixed(1)} LUFS integrated` : null,
    typeof qc.truePeakDbtp === "number" ? `${qc.truePeakDbtp.toFixed(1)} dBTP true peak` : null,
  ].filter(Boolean);
  // One line per finding: the API sends them as a list (String() of it would join them with commas).
  const findings = (Array.isArray(qc.summary) ? qc.summary : String(qc.summary ?? "").split("\n"))
    .map((finding) => String(finding).trim())
    .filter(Boolean);
  box.replaceChildren(
    el("p", {}, el("span", { className: `badge qc-${status}` }, `QC ${status}`), figures.length ? ` ${figures.join(" · ")}` : ""),
    findings.length ? el("ul", { className: "qc-findings" }, findings.map((finding) => el("li", {}, finding))) : "");
  box.hidden = false;
}

export function renderExports(list, assetId, clipName) {
  const base = `/api/assets/${encodeURIComponent(assetId)}`;
  const safe = String(clipName ?? assetId).replace(/[\\/:*?"<>|]+/g, "_");
  const links = [
    ["Transcript, WebVTT", `${base}/transcript.vtt`, `${safe}.vtt`],
    ["Transcript, SRT", `${base}/transcript.srt`, `${safe}.srt`],
    ["Markers, CSV", `${base}/markers.csv`, `${safe} markers.csv`],
    ["Markers, EDL", `${base}/markers.edl`, `${safe} markers.edl`],
    ["Transcript, JSON", `${base}/transcript`, `${safe} transcript.json`],
    ["Proxy, MP4", `${base}/proxy`, `${safe} proxy.mp4`],
  ];
  list.replaceChildren(...links.map(([label, href, file]) => el("li", {}, el("a", { href, download: file }, label))));
}
