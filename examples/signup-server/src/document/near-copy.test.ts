// The copy check on real photos, with the offline engine finding the faces the
// way the server's documents provider does. Copies of a photo must score at or
// above the threshold; two different photos of one person must stay below it.
import { createLocalProvider } from '@facegate/adapter-local';
import { createFacegate } from '@facegate/core';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { checkCopyOfCapture } from './copy-of-capture';
import { NEAR_COPY_THRESHOLD } from './near-copy';
import { prepareDocument } from './prepare-document';

const provider = createLocalProvider();
const documents = createFacegate({ provider });
afterAll(() => provider.close());

async function judge(capture: Uint8Array, documentImage: Uint8Array) {
  const prepared = await prepareDocument({ data: documentImage, mediaType: 'image/jpeg' } as never, documents);
  if (prepared.status !== 'face_found') throw new Error(`no single face in the document: ${prepared.status}`);
  return checkCopyOfCapture(capture, prepared, documents);
}

const copies: [string, (jpeg: Buffer) => Promise<Buffer>][] = [
  ['re-encoded at quality 20', (b) => sharp(b).jpeg({ quality: 20 }).toBuffer()],
  ['halved', (b) => sharp(b).resize({ width: 320 }).toBuffer()],
  [
    'cropped off-centre',
    async (b) => {
      const { width = 0, height = 0 } = await sharp(b).metadata();
      const box = { left: Math.round(width * 0.08), top: Math.round(height * 0.05) };
      return sharp(b)
        .extract({ ...box, width: Math.round(width * 0.8), height: Math.round(height * 0.85) })
        .toBuffer();
    },
  ],
  ['mirrored', (b) => sharp(b).flop().toBuffer()],
  ['turned 10°', (b) => sharp(b).rotate(10, { background: '#808080' }).jpeg().toBuffer()],
  ['grey and brighter', (b) => sharp(b).greyscale().linear(0.7, 40).jpeg().toBuffer()],
  ['WebP at quality 30', (b) => sharp(b).webp({ quality: 30 }).toBuffer()],
  [
    'sepia',
    (b) =>
      sharp(b)
        .recomb([
          [0.39, 0.77, 0.19],
          [0.35, 0.69, 0.17],
          [0.27, 0.53, 0.13],
        ])
        .jpeg()
        .toBuffer(),
  ],
];

describe('document copy check (offline engine, real photos)', () => {
  it.each(['obama-1.jpg', 'leslie-2.jpg', 'harington-3.jpg'])(
    'every copy of %s is a copy',
    async (file) => {
      const capture = readFixture(`faces/${file}`);
      for (const [name, make] of copies) {
        const result = await judge(capture, new Uint8Array(await make(Buffer.from(capture))));
        expect(result, `${file} ${name}`).toMatchObject({ verdict: 'copy' });
      }
    },
    120_000,
  );

  it.each([
    ['harington-2.jpg', 'harington-3.jpg'],
    ['harington-1.jpg', 'harington-2.jpg'],
    ['leslie-1.jpg', 'leslie-2.jpg'],
    ['obama-2.jpg', 'obama-4.jpg'],
    ['lacamoire-1.jpg', 'lacamoire-2.jpg'],
  ])(
    'two different photos of one person (%s, %s) are not copies',
    async (a, b) => {
      for (const [capture, document] of [
        [a, b],
        [b, a],
      ] as const) {
        const result = await judge(readFixture(`faces/${capture}`), readFixture(`faces/${document}`));
        expect(result.verdict, `${capture} → ${document}`).toBe('distinct');
        if (result.verdict === 'distinct') expect(result.similarity).toBeLessThan(NEAR_COPY_THRESHOLD - 0.05);
      }
    },
    60_000,
  );

  it('a capture with no face found leaves the decision to the match step', async () => {
    const grey = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#777' } })
      .jpeg()
      .toBuffer();
    expect(await judge(new Uint8Array(grey), readFixture('faces/obama-2.jpg'))).toEqual({ verdict: 'unjudged' });
  }, 60_000);
});
