// Benchmark of the built package (run `pnpm build` first): `pnpm --filter @facegate/adapter-local bench`.
// Prints medians and p90 over repeated runs; not a test. Fixtures from the repo's fixtures/ folder.
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createLocalProvider, LOCAL_MEDIA_CONSTRAINTS } from '@facegate/adapter-local';
import { createChallenge, validateImage } from '@facegate/core';
import sharp from 'sharp';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const fixture = (f) => new Uint8Array(readFileSync(new URL(`../../../fixtures/faces/${f}`, import.meta.url)));
const media = (bytes) => validateImage(bytes, LOCAL_MEDIA_CONSTRAINTS.image, 'image');
const ctx = {
  signal: new AbortController().signal,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  attempt: 0,
};
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `median ${q(0.5).toFixed(1)} ms, p90 ${q(0.9).toFixed(1)} ms (n=${s.length})`;
};
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

console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const provider = createLocalProvider();
const loadMs = await time(() => provider.warmUp());
console.log(`model load (tfjs wasm + face-api + Human, this process): ${loadMs.toFixed(0)} ms`);

// Per-frame quality analysis (decode + detect + landmarks + pose + metrics) on 640x480 frames.
const frames = await Promise.all(
  ['obama-1.jpg', 'harington-1.jpg', 'biden-1.jpg', 'leslie-1.jpg'].map((f) => frame(f)),
);
for (const f of frames) await provider.analyzeQuality({ image: media(f) }, ctx); // warm
const quality = [];
for (let r = 0; r < RUNS; r++)
  for (const f of frames) quality.push(await time(() => provider.analyzeQuality({ image: media(f) }, ctx)));
console.log(`quality, one 640x480 frame (detector every call):  ${stats(quality)}`);

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
      last = await provider.checkLiveness({ media: { kind: 'frames', frames: sequence }, challenge }, ctx);
      livenessOnly.push(performance.now() - t0);
      const ref = media(last.referenceImage.data);
      last.match = await provider.compareFaces({ source: ref, target: idPhoto }, ctx);
    }),
  );
}
console.log(`full verify (10 frames liveness + match to ID photo): ${stats(verify)}`);
console.log(`  of which liveness over 10 frames:                 ${stats(livenessOnly)}`);
console.log(
  `  last result: verdict ${last.verdict}, confidence ${last.confidence?.toFixed(2)}, steps ${last.challenge.steps.map((s) => `${s.action}:${s.completed}`).join(' ')}, match similarity ${last.match.similarity?.toFixed(2)}`,
);

// Match per pair (two photos, SSD detector + descriptor on each).
const pairs = [
  ['obama-1.jpg', 'obama-2.jpg'],
  ['biden-1.jpg', 'biden-2.jpg'],
  ['leslie-1.jpg', 'lacamoire-1.jpg'],
].map((p) => p.map((f) => media(fixture(f))));
const match = [];
for (let r = 0; r < RUNS; r++)
  for (const [a, b] of pairs) match.push(await time(() => provider.compareFaces({ source: a, target: b }, ctx)));
console.log(`match, one pair of photos:                           ${stats(match)}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(
  `load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
