'use strict';
// Objects and faces in still frames for the MAM analysis stage.
//
// One long-lived process per worker: the models load once, then each request is one line of JSON
// on stdin and each answer one line of JSON on stdout, in order:
//   -> {"id":1,"frame":"work/f0001.ppm"}            (binary PPM, P6, 8-bit RGB, as ffmpeg writes it)
//   <- {"id":1,"width":960,"height":540,"objects":[{"label":"person","score":0.82,"box":[x,y,w,h]}],
//       "faces":[{"score":0.91,"box":[x,y,w,h]}],"ms":210}
//   <- {"id":1,"error":"..."}                       (this frame only; the process keeps serving)
// The first line it writes is {"ready":true,...} once the models are loaded, or {"ready":false,"error":...}
// before it exits with code 2. `node server.js --check` loads the models, prints that line and exits.
// Models come from the npm package's own folder (file:// URLs), never from the network.

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const util = require('util');

// The protocol owns stdout. Human and tfjs log with console.*; send all of that to stderr.
for (const name of ['log', 'info', 'warn', 'debug', 'error', 'trace']) {
  console[name] = (...args) => process.stderr.write(util.format(...args) + '\n');
}
const send = (message) => process.stdout.write(JSON.stringify(message) + '\n');

const modules = path.join(__dirname, 'node_modules');
const humanDist = path.join(modules, '@vladmandic', 'human', 'dist', 'human.node-wasm.js');
const modelFolder = path.join(modules, '@vladmandic', 'human', 'models');
const wasmFolder = path.join(modules, '@tensorflow', 'tfjs-backend-wasm', 'dist');

// tfjs fetches model files through the global fetch, which in Node knows http(s) only. Answer
// file:// URLs from disk and refuse everything else, so a misconfigured path can never turn into
// a download.
globalThis.fetch = async (url) => {
  const href = typeof url === 'string' ? url : url.url;
  if (href.startsWith('file://')) {
    const file = decodeURIComponent(new URL(href).pathname);
    const body = await fs.promises.readFile(file);
    return new Response(body, { status: 200, headers: { 'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream' } });
  }
  throw new Error(`refusing to fetch ${href}: models load from the package folder only`);
};

function settings() {
  const number = (name, fallback) => {
    const value = Number(process.env[name]);
    return Number.isFinite(value) && value > 0 ? value : fallback;
  };
  return {
    objectMinScore: number('MAM_VISION_OBJECT_MIN_SCORE', 0.4),
    faceMinScore: number('MAM_VISION_FACE_MIN_SCORE', 0.5),
    maxObjects: Math.round(number('MAM_VISION_MAX_OBJECTS', 20)),
    maxFaces: Math.round(number('MAM_VISION_MAX_FACES', 20)),
  };
}

function humanConfig(s) {
  return {
    backend: 'wasm',
    wasmPath: wasmFolder + path.sep,
    modelBasePath: 'file://' + modelFolder + '/',
    debug: false,
    async: false,
    warmup: 'none',
    // Frames are independent stills, not a video stream: no caching of results between calls.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    segmentation: { enabled: false },
    object: { enabled: true, modelPath: 'centernet.json', minConfidence: s.objectMinScore, maxDetected: s.maxObjects, skipFrames: 0, skipTime: 0 },
    face: {
      enabled: true,
      detector: { modelPath: 'blazeface.json', rotation: false, maxDetected: s.maxFaces, minConfidence: s.faceMinScore, skipFrames: 0, skipTime: 0, return: false },
      mesh: { enabled: false },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  };
}

/** Binary PPM (P6, maxval 255): the header is three whitespace-separated numbers after "P6". */
function readPpm(file) {
  const data = fs.readFileSync(file);
  if (data.length < 2 || data[0] !== 0x50 || data[1] !== 0x36) {
    throw new Error(`${file} is not a binary PPM (P6) file`);
  }
  const fields = [];
  let i = 2;
  while (fields.length < 3) {
    while (i < data.length && /\s/.test(String.fromCharCode(data[i]))) i++;
    if (data[i] === 0x23) { // comment line
      while (i < data.length && data[i] !== 0x0a) i++;
      continue;
    }
    let start = i;
    while (i < data.length && data[i] >= 0x30 && data[i] <= 0x39) i++;
    if (start === i) throw new Error(`${file} has a malformed PPM header`);
    fields.push(Number(data.toString('ascii', start, i)));
  }
  const [width, height, maxval] = fields;
  if (maxval !== 255) throw new Error(`${file} is not 8-bit (maxval ${maxval})`);
  const offset = i + 1;
  const pixels = data.subarray(offset, offset + width * height * 3);
  if (pixels.length !== width * height * 3) throw new Error(`${file} is truncated`);
  return { width, height, pixels };
}

const round = (x) => Math.round(x * 1000) / 1000;
const box = (b) => (Array.isArray(b) ? b.map((v) => Math.round(v)) : []);

async function analyse(human, s, frame) {
  const image = readPpm(frame);
  const started = Date.now();
  const tensor = human.tf.tidy(() => human.tf.cast(human.tf.tensor(Int32Array.from(image.pixels), [1, image.height, image.width, 3], 'int32'), 'float32'));
  let result;
  try {
    result = await human.detect(tensor);
  } finally {
    human.tf.dispose(tensor);
  }
  if (result.error) throw new Error(String(result.error));
  return {
    width: image.width,
    height: image.height,
    objects: (result.object || []).filter((o) => o.score >= s.objectMinScore).map((o) => ({ label: o.label, score: round(o.score), box: box(o.box) })),
    faces: (result.face || []).filter((f) => (f.boxScore ?? f.score) >= s.faceMinScore).map((f) => ({ score: round(f.boxScore ?? f.score), box: box(f.box) })),
    ms: Date.now() - started,
  };
}

async function main() {
  const s = settings();
  let human;
  try {
    for (const needed of [humanDist, path.join(modelFolder, 'centernet.json'), path.join(modelFolder, 'blazeface.json'), path.join(wasmFolder, 'tfjs-backend-wasm.wasm')]) {
      if (!fs.existsSync(needed)) throw new Error(`missing ${needed}: run "npm ci" in ${__dirname}`);
    }
    const { Human } = require(humanDist);
    human = new Human(humanConfig(s));
    await human.load();
    await human.tf.ready();
  } catch (err) {
    send({ ready: false, error: String(err && err.message ? err.message : err) });
    process.exit(2);
  }
  const loaded = typeof human.models.loaded === 'function' ? human.models.loaded() : [];
  send({ ready: true, backend: human.tf.getBackend(), human: human.version, tfjs: human.tf.version_core, models: Array.isArray(loaded) ? loaded : [] });
  if (process.argv.includes('--check')) return;

  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let request;
    try {
      request = JSON.parse(line);
    } catch {
      send({ id: null, error: 'request is not JSON' });
      continue;
    }
    try {
      if (typeof request.frame !== 'string') throw new Error('request has no "frame" path');
      send({ id: request.id ?? null, ...(await analyse(human, s, request.frame)) });
    } catch (err) {
      send({ id: request.id ?? null, error: String(err && err.message ? err.message : err) });
    }
  }
}

main().catch((err) => {
  send({ ready: false, error: String(err && err.stack ? err.stack : err) });
  process.exit(2);
});
