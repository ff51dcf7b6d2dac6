// Benchmark of the built package (run `pnpm build` first): `pnpm --filter @facegate/adapter-local bench`.
// Prints medians and p90 over repeated runs, and the issue-15 targets beside them; not a test.
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { createLocalProvider, LOCAL_MEDIA_CONSTRAINTS, sharedOnnxEngine } from '@facegate/adapter-local';
import { createChallenge, validateImage } from '@facegate/core';
import sharp from 'sharp';

// `pnpm bench -- --sections a,b` reaches every package's bench: run only when `local` is among them.
const sectionsAt = process.argv.findIndex((a) => a === '--sections' || a.startsWith('--sections='));
if (sectionsAt > 0) {
  const arg = process.argv[sectionsAt];
  const list = (arg.includes('=') ? arg.split('=')[1] : process.argv[sectionsAt + 1]) ?? '';
  if (!list.split(',').includes('local')) {
    console.error('adapter-local bench: skipped (--sections does not name local)');
    process.exit(0);
  }
}

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const fixture = (f) => new Uint8Array(readFileSync(new URL(`../../../fixtures/faces/${f}`, import.meta.url)));
const media = (bytes) => validateImage(bytes, LOCAL_MEDIA_CONSTRAINTS.image, 'image');
const ctx = {
  signal: new AbortController().signal,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  attempt: 0,
};
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const stats = (xs) =>
  `median ${quantile(xs, 0.5).toFixed(1)} ms, p90 ${quantile(xs, 0.9).toFixed(1)} ms (n=${xs.length})`;
async function time(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}
/** A 640x480 camera-like frame made from a photo. */
async function frame(file, shift = 0) {
  const buf = await sharp(fixture(file))
    .resize({ width: 640, height: 480, fit: 'cover', position: 'top' })
    .extend({ left: 8 + shift, right: 8 - shift, top: 0, bottom: 0, background: '#808080' })
    .resize({ width: 640, height: 480 })
    .jpeg({ quality: 85 })
    .toBuffer();
  return new Uint8Array(buf);
}
/** A ~1 MP camera JPEG (1280×800 box) made from a fixture photo. */
async function megapixel(file) {
  return new Uint8Array(
    await sharp(fixture(file))
      .resize({ width: 1280, height: 800, fit: 'cover', position: 'top' })
      .jpeg({ quality: 92 })
      .toBuffer(),
  );
}
const loadText = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(`load average at start: ${loadText()}; ${availableParallelism()} cores`);
const results = {};
const engine = sharedOnnxEngine();
const provider = createLocalProvider();
results.loadMs = await time(() => provider.warmUp());
console.log(
  `model load (onnxruntime-node, ${engine.pool().workers} worker threads × 7 sessions, in parallel): ${results.loadMs.toFixed(0)} ms`,
);

// Per-frame liveness analysis: decode + detector + 68 landmarks + pose + eyes + anti-spoof, one frame at a time.
const frames = await Promise.all(
  ['obama-1.jpg', 'harington-1.jpg', 'biden-1.jpg', 'leslie-1.jpg'].map((f) => frame(f)),
);
const { decodeFrame } = await import('./decode-frame.mjs');
const decoded = await Promise.all(frames.map(decodeFrame));
for (const img of decoded) await engine.analyzeFrame(img, { antiSpoof: true }); // warm
const perFrame = [];
for (let r = 0; r < RUNS; r++)
  for (const f of frames)
    perFrame.push(await time(async () => engine.analyzeFrame(await decodeFrame(f), { antiSpoof: true })));
results.frameMs = quantile(perFrame, 0.5);
console.log(
  `liveness analysis, one 640x480 frame (decode, detect, landmarks, pose, eyes, anti-spoof): ${stats(perFrame)}`,
);
const quality = [];
for (let r = 0; r < RUNS; r++)
  for (const f of frames) quality.push(await time(() => provider.doAnalyzeQuality({ image: media(f) }, ctx)));
console.log(`quality, one 640x480 frame through the provider:             ${stats(quality)}`);

// Full verify: 10 frames (look straight, turn right) at 150 ms spacing + match of the reference frame to a photo.
const straight = await Promise.all([0, 2, 4, 6, 4].map((s) => frame('harington-1.jpg', s)));
const turned = await Promise.all([0, 2, 4, 2, 0].map((s) => frame('harington-2.jpg', s)));
const sequence = [...straight, ...turned].map((image, i) => ({ image: media(image), capturedAtMs: i * 150 }));
const idPhoto = media(fixture('harington-3.jpg'));
const verify = [];
const livenessOnly = [];
let last;
for (let r = 0; r < RUNS; r++) {
  const challenge = { ...createChallenge({ actionCount: 1, pool: ['turn_right'] }) };
  verify.push(
    await time(async () => {
      const t0 = performance.now();
      last = await provider.doCheckLiveness({ media: { kind: 'frames', frames: sequence }, challenge }, ctx);
      livenessOnly.push(performance.now() - t0);
      const ref = media(last.referenceImage.data);
      last.match = await provider.doCompareFaces({ source: ref, target: idPhoto }, ctx);
    }),
  );
}
results.verifyMs = quantile(verify, 0.5);
console.log(`full verify (10 frames liveness + match to ID photo):          ${stats(verify)}`);
console.log(`  of which liveness over 10 frames:                            ${stats(livenessOnly)}`);
console.log(
  `  last result: verdict ${last.verdict}, confidence ${last.confidence?.toFixed(2)}, steps ${last.challenge.steps.map((s) => `${s.action}:${s.completed}`).join(' ')}, match similarity ${last.match.similarity?.toFixed(2)}`,
);

// 1:1 match of two ~1 MP photos (decode at a bounded size, detector + landmarks + aligned embedding on each).
const pairs = await Promise.all(
  [
    ['obama-1080p.jpg', 'obama-2.jpg'],
    ['biden-1.jpg', 'biden-2.jpg'],
    ['leslie-2.jpg', 'lacamoire-2.jpg'],
  ].map(async (p) => Promise.all(p.map(async (f) => media(await megapixel(f))))),
);
const match = [];
for (let r = 0; r < RUNS; r++)
  for (const [a, b] of pairs) match.push(await time(() => provider.doCompareFaces({ source: a, target: b }, ctx)));
results.matchMs = quantile(match, 0.5);
console.log(`1:1 match, two ~1 MP photos (1280×800 JPEG):                   ${stats(match)}`);
results.rssMb = process.resourceUsage().maxRSS / 1024;
console.log(
  `engine peak RSS (this process: main thread + ${engine.pool().workers} workers): ${results.rssMb.toFixed(0)} MB`,
);

const targets = [
  ['liveness analysis per 640×480 frame', `${results.frameMs.toFixed(1)} ms`, 40, results.frameMs],
  ['verify: 10 frames + match', `${(results.verifyMs / 1000).toFixed(2)} s`, 700, results.verifyMs],
  ['1:1 match, two ~1 MP photos', `${results.matchMs.toFixed(0)} ms`, 150, results.matchMs],
  ['model load', `${(results.loadMs / 1000).toFixed(2)} s`, 500, results.loadMs],
  ['engine peak RSS', `${results.rssMb.toFixed(0)} MB`, 300, results.rssMb],
];
console.log('\nissue-15 targets (medians of this run; the signup-server figure is in the bench table below):');
for (const [name, value, target, raw] of targets)
  console.log(
    `  ${name.padEnd(38)} ${value.padStart(9)}   target ≤ ${target} ${name.includes('RSS') ? 'MB' : 'ms'}   ${raw <= target ? 'met' : 'NOT met'}`,
  );
console.log(`load average at end: ${loadText()}`);
await engine.close();
