// SMPTE ST 12-1 timecode labels, the same rules as Mam.Core/Media/Timecodes/Timecode.cs: frames are
// counted at the nominal rate (30 for 29.97); drop-frame skips labels 0 and 1 (0–3 at 59.94) at the
// start of every minute except every tenth, so the label keeps up with the wall clock.

/** "30000/1001" or "25" (the API's technical.frameRate) → {num, den}, or null. */
export function parseRate(text, fallbackFps) {
  const match = /^\s*(\d+)(?:\s*\/\s*(\d+))?\s*$/.exec(text ?? "");
  if (match) {
    const num = Number(match[1]);
    const den = match[2] ? Number(match[2]) : 1;
    if (num > 0 && den > 0) return { num, den };
  }
  if (fallbackFps > 0) {
    const ntsc = Math.abs(fallbackFps * 1.001 - Math.round(fallbackFps * 1.001)) < 0.01 && Math.round(fallbackFps) !== fallbackFps;
    return ntsc ? { num: Math.round(fallbackFps * 1.001) * 1000, den: 1001 } : { num: Math.round(fallbackFps), den: 1 };
  }
  return null;
}

export const fps = (rate) => rate.num / rate.den;
export const nominalRate = (rate) => Math.round(fps(rate));
const droppedPerMinute = (nominal) => nominal / 15;
const dropFrameIsUsual = (rate) => rate.den === 1001 && [30, 60].includes(nominalRate(rate));

/** "HH:MM:SS:FF" or "HH:MM:SS;FF" ('.' and ',' also mean drop-frame) → {h, m, s, f, drop}, or null. */
export function parseTimecode(text, rate) {
  const match = /^\s*(\d{2,3}):(\d{2}):(\d{2})([:;.,])(\d{2})\s*$/.exec(text ?? "");
  if (!match) return null;
  const [h, m, s, f] = [match[1], match[2], match[3], match[5]].map(Number);
  const drop = match[4] !== ":";
  const nominal = nominalRate(rate);
  if (h > 23 || m > 59 || s > 59 || f >= nominal) return null;
  if (drop && ![30, 60].includes(nominal)) return null;
  return { h, m, s, f, drop };
}

/** Frames since 00:00:00:00 for a parsed timecode. */
export function toFrames(tc, rate) {
  const nominal = nominalRate(rate);
  const totalMinutes = 60 * tc.h + tc.m;
  const frames = (tc.h * 3600 + tc.m * 60 + tc.s) * nominal + tc.f;
  return tc.drop ? frames - droppedPerMinute(nominal) * (totalMinutes - Math.floor(totalMinutes / 10)) : frames;
}

/** The label of frame `frames` since 00:00:00:00; wraps at 24 hours. */
export function fromFrames(frames, rate, drop) {
  const nominal = nominalRate(rate);
  let n = frames;
  if (drop) {
    const dropped = droppedPerMinute(nominal);
    const perMinute = nominal * 60 - dropped;
    const perTenMinutes = nominal * 600 - dropped * 9;
    n %= perTenMinutes * 6 * 24;
    const tens = Math.floor(n / perTenMinutes);
    const rest = n % perTenMinutes;
    // Add back the labels skipped so far, then count as if none had been skipped.
    n += dropped * 9 * tens;
    if (rest > dropped) n += dropped * Math.floor((rest - dropped) / perMinute);
  } else {
    n %= nominal * 86400;
  }
  const two = (v) => String(v).padStart(2, "0");
  const seconds = Math.floor(n / nominal);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}${drop ? ";" : ":"}${two(n % nominal)}`;
}

/** Frame index (from the clip's first frame) shown at `seconds`. */
export function frameAt(seconds, rate) {
  // The epsilon lets n·1001/30000 s, which doubles cannot hold exactly, land on frame n.
  return Math.floor(Math.max(0, seconds) * rate.num / rate.den + 1e-6);
}

/** The timecode an NLE shows `seconds` into a clip whose first frame is labelled `startTimecode`. */
export function timecodeAt(seconds, rate, startTimecode) {
  const start = parseTimecode(startTimecode, rate) ?? { h: 0, m: 0, s: 0, f: 0, drop: dropFrameIsUsual(rate) };
  return fromFrames(toFrames(start, rate) + frameAt(seconds, rate), rate, start.drop);
}

/** Seconds from the clip's first frame to the frame labelled `text` (the clip's own drop-frame
 * convention applies whatever separator was typed); null when it is no timecode or before the clip. */
export function secondsAt(text, rate, startTimecode) {
  const typed = parseTimecode(text, rate);
  if (!typed) return null;
  const start = parseTimecode(startTimecode, rate) ?? { h: 0, m: 0, s: 0, f: 0, drop: dropFrameIsUsual(rate) };
  const frames = toFrames({ ...typed, drop: start.drop }, rate) - toFrames(start, rate);
  return frames < 0 ? null : (frames * rate.den) / rate.num;
}
