// Test support (not shipped): images whose headers are valid but whose pixels
// cannot be decoded, built at run time from a real photo so that every family
// of decoder failure is covered without binary fixtures.
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** One broken image: which decoder failure it exercises, and its bytes. */
export interface BrokenUpload {
  family: string;
  bytes: Uint8Array;
}

const EOI = [0xff, 0xd9];

/** Offset of the first byte after the JPEG start-of-scan segment (the entropy-coded data). */
function scanStart(jpeg: Uint8Array): number {
  let i = 2;
  while (i + 4 < jpeg.length) {
    if (jpeg[i] !== 0xff) throw new Error('not a JPEG marker');
    const marker = jpeg[i + 1] as number;
    const length = ((jpeg[i + 2] as number) << 8) | (jpeg[i + 3] as number);
    if (marker === 0xda) return i + 2 + length;
    i += 2 + length;
  }
  throw new Error('no start of scan');
}

/** A deterministic byte stream (no 0xff, so no accidental JPEG markers). */
function garbage(length: number, seed = 7): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = (x >>> 16) % 255;
  }
  return out;
}

function concat(...parts: ArrayLike<number>[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts.map((p) => Uint8Array.from(p))));
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array, crc?: number): Uint8Array {
  const head = new Uint8Array(8);
  new DataView(head.buffer).setUint32(0, data.length);
  head.set(new TextEncoder().encode(type), 4);
  const tail = new Uint8Array(4);
  new DataView(tail.buffer).setUint32(0, crc ?? crc32(concat(head.subarray(4), data)));
  return concat(head, data, tail);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A PNG of `width`×`height` RGB built by hand, so its IDAT can be damaged precisely. */
function png(width: number, height: number, idat: (zlib: Uint8Array) => Uint8Array[], badCrc = false): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width * 3; x++) raw[y * (1 + width * 3) + 1 + x] = (x * 7 + y * 3) % 251;
  const chunks = idat(new Uint8Array(deflateSync(raw)));
  return concat(
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    ...chunks.map((c, i) => (badCrc && i === 0 ? pngChunk('IDAT', c, 0x12345678) : pngChunk('IDAT', c))),
    pngChunk('IEND', new Uint8Array(0)),
  );
}

function riff(fourcc: string, payload: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(8 + payload.length + (payload.length % 2));
  chunk.set(new TextEncoder().encode(fourcc));
  new DataView(chunk.buffer).setUint32(4, payload.length, true);
  chunk.set(payload, 8);
  const head = new Uint8Array(12);
  head.set(new TextEncoder().encode('RIFF'));
  new DataView(head.buffer).setUint32(4, 4 + chunk.length, true);
  head.set(new TextEncoder().encode('WEBP'), 8);
  return concat(head, chunk);
}

/** A lossy VP8 frame header for `width`×`height` followed by garbage partitions. */
function garbageVp8(width: number, height: number): Uint8Array {
  const frame = garbage(4000, 11);
  // Frame tag: key frame, version 0, shown, first partition 2000 bytes.
  const size = 2000;
  const tag = (size << 5) | (1 << 4);
  frame.set([tag & 0xff, (tag >> 8) & 0xff, (tag >> 16) & 0xff, 0x9d, 0x01, 0x2a]);
  frame.set([width & 0xff, width >> 8, height & 0xff, height >> 8], 6);
  return riff('VP8 ', frame);
}

/** A lossless VP8L header for `width`×`height` followed by garbage. */
function garbageVp8l(width: number, height: number): Uint8Array {
  const bits = (width - 1) | ((height - 1) << 14);
  const head = [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0x0f];
  return riff('VP8L', concat(head, garbage(3000, 13)));
}

/**
 * Every family of "header fine, pixels broken" this suite knows, built from
 * `jpeg` (a real photo of at least 240×240).
 */
export async function brokenUploads(jpeg: Uint8Array): Promise<BrokenUpload[]> {
  const start = scanStart(jpeg);
  const scanLength = jpeg.length - 2 - start;
  const corruptScan = new Uint8Array(jpeg);
  corruptScan.set(garbage(Math.floor(scanLength / 2), 3), start + Math.floor(scanLength / 4));
  const progressive = new Uint8Array(await sharp(jpeg).jpeg({ progressive: true, quality: 90 }).toBuffer());
  const pStart = scanStart(progressive);
  const webp = new Uint8Array(await sharp(jpeg).webp({ quality: 80 }).toBuffer());
  const W = 320;
  const H = 320;
  return [
    { family: 'JPEG, garbage in the scan data', bytes: corruptScan },
    {
      family: 'JPEG cut in half, end marker re-added',
      bytes: concat(jpeg.subarray(0, start + Math.floor(scanLength / 2)), EOI),
    },
    { family: 'JPEG cut right after the start of scan', bytes: concat(jpeg.subarray(0, start + 16), EOI) },
    { family: 'JPEG with no scan data at all', bytes: concat(jpeg.subarray(0, start), EOI) },
    {
      family: 'progressive JPEG cut after its first scan',
      bytes: concat(progressive.subarray(0, pStart + Math.floor((progressive.length - pStart) / 5)), EOI),
    },
    {
      family: 'PNG with a broken IDAT (valid CRC, bad zlib data)',
      bytes: png(W, H, (z) => [concat(z.subarray(0, 2), garbage(z.length - 2, 5))]),
    },
    { family: 'PNG with a bad IDAT CRC', bytes: png(W, H, (z) => [z], true) },
    { family: 'PNG whose zlib stream stops short', bytes: png(W, H, (z) => [z.subarray(0, Math.floor(z.length / 3))]) },
    { family: 'PNG with no IDAT', bytes: png(W, H, () => []) },
    { family: 'WebP (VP8) with garbage partitions', bytes: garbageVp8(W, H) },
    { family: 'WebP (VP8L) with a garbage bitstream', bytes: garbageVp8l(W, H) },
    { family: 'WebP cut in half', bytes: riffCut(webp) },
  ];
}

/** A WebP cut in half whose RIFF and chunk sizes still claim the whole file. */
function riffCut(webp: Uint8Array): Uint8Array {
  return webp.subarray(0, Math.floor(webp.length / 2));
}
