import { readdirSync, readFileSync } from 'node:fs';
import { createLocalProvider } from '@facegate/adapter-local';
import { createFacegate } from '@facegate/core';
import sharp from 'sharp';

const dir = process.argv[2];
const steps = process.argv[3].split(',');
const from = Number(process.argv[4] ?? 0);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.png'))
  .sort()
  .slice(from);
const frames = [];
for (const [i, f] of files.entries()) {
  const jpg = await sharp(readFileSync(`${dir}/${f}`))
    .jpeg({ quality: Number(process.env.Q ?? 1) })
    .toBuffer();
  frames.push({ image: new Uint8Array(jpg), capturedAtMs: i * 100 });
}
console.log(
  'frames',
  frames.length,
  'avg bytes',
  Math.round(frames.reduce((a, f) => a + f.image.length, 0) / frames.length),
);
const fg = createFacegate({ provider: createLocalProvider() });
await fg.warmUp();
const now = new Date();
const t0 = Date.now();
const r = await fg.checkLiveness({
  media: { kind: 'frames', frames: frames.slice(0, 40) },
  challenge: {
    nonce: '0'.repeat(32),
    steps,
    issuedAt: now.toISOString(),
    expiresAt: new Date(+now + 600000).toISOString(),
    stepTimeoutMs: 7000,
  },
});
console.log(Date.now() - t0, 'ms', r.decision, r.confidence, JSON.stringify(r.raw.body));
const q = await fg.analyzeQuality({ image: frames[5].image });
console.log('quality', q.reasons, q.metrics);
