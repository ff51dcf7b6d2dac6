import { readFileSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { createLocalProvider } from '@facegate/adapter-local';
import { createFacegate } from '@facegate/core';
const dir = '/tmp/i20cap13';
const files = readdirSync(dir).filter((f) => f.endsWith('.png')).sort().filter((_, i) => i % 3 === 0);
const fg = createFacegate({ provider: createLocalProvider() });
await fg.warmUp();
for (const q of [1, 20, 50, 80]) {
  let found = 0, bytes = 0;
  for (const f of files) {
    const img = new Uint8Array(await sharp(readFileSync(`${dir}/${f}`)).jpeg({ quality: q }).toBuffer());
    bytes += img.length;
    const r = await fg.analyzeQuality({ image: img });
    if (r.faces.length === 1) found++;
  }
  console.log(`q${q}: ${found}/${files.length} frames with one face found; mean ${Math.round(bytes / files.length)} B JPEG, ${Math.round(bytes / files.length * 4 / 3)} B base64`);
}
