import { readFileSync } from 'node:fs';
import { createLocalProvider } from '@facegate/adapter-local';
import { createFacegate } from '@facegate/core';
import sharp from 'sharp';

const fg = createFacegate({ provider: createLocalProvider() });
await fg.warmUp();
for (const file of process.argv.slice(2)) {
  for (const q of [1, 5, 10, 20, 40]) {
    const img = await sharp(readFileSync(file)).resize(640, 400, { fit: 'cover' }).jpeg({ quality: q }).toBuffer();
    const r = await fg.analyzeQuality({ image: new Uint8Array(img) });
    console.log(
      file.split('/').pop(),
      'q',
      q,
      img.length,
      'B',
      r.faces.length,
      'faces',
      r.reasons.join(','),
      r.faces[0] ? JSON.stringify(r.faces[0].pose) : '',
    );
  }
}
