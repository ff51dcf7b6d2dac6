import type { ImageFormat } from './media-format';

/** What the image header says, read without decoding pixels. */
export interface ImageHeader {
  width: number;
  height: number;
}

/** Why an image could not be read: the file is damaged or cut short. */
export class CorruptMediaError extends Error {}

function u16be(b: Uint8Array, o: number): number {
  return ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
}
function u32be(b: Uint8Array, o: number): number {
  return (((b[o] ?? 0) << 24) >>> 0) + ((b[o + 1] ?? 0) << 16) + ((b[o + 2] ?? 0) << 8) + (b[o + 3] ?? 0);
}
function u24le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8) | ((b[o + 2] ?? 0) << 16);
}
function u32le(b: Uint8Array, o: number): number {
  return u24le(b, o) + (b[o + 3] ?? 0) * 0x1000000;
}

/**
 * Read width and height from the header and check the file is whole (a JPEG
 * ends with EOI, a PNG with IEND, a WebP's RIFF size fits the data). Throws
 * {@link CorruptMediaError} when it is not.
 */
export function readImageHeader(bytes: Uint8Array, format: ImageFormat): ImageHeader {
  switch (format) {
    case 'jpeg':
      return readJpeg(bytes);
    case 'png':
      return readPng(bytes);
    case 'webp':
      return readWebp(bytes);
  }
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function readJpeg(b: Uint8Array): ImageHeader {
  let offset = 2;
  let header: ImageHeader | undefined;
  let sawScan = false;
  while (offset + 4 <= b.length) {
    if (b[offset] !== 0xff) throw new CorruptMediaError('JPEG segment marker missing');
    const marker = b[offset + 1] ?? 0;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      offset += 2;
      continue;
    }
    const length = u16be(b, offset + 2);
    if (length < 2 || offset + 2 + length > b.length) throw new CorruptMediaError('JPEG segment runs past the end');
    if (SOF_MARKERS.has(marker)) {
      header = { height: u16be(b, offset + 5), width: u16be(b, offset + 7) };
    }
    if (marker === 0xda) {
      sawScan = true;
      break;
    }
    offset += 2 + length;
  }
  if (!header || !sawScan) throw new CorruptMediaError('JPEG has no frame header or no image data');
  if (!endsWithMarker(b, 0xd9)) throw new CorruptMediaError('JPEG is truncated (no end-of-image marker)');
  return header;
}

/** A JPEG ends with FFD9; tolerate a little zero padding some encoders add. */
function endsWithMarker(b: Uint8Array, marker: number): boolean {
  let end = b.length;
  while (end > 2 && b[end - 1] === 0x00 && b.length - end < 64) end--;
  return b[end - 2] === 0xff && b[end - 1] === marker;
}

function readPng(b: Uint8Array): ImageHeader {
  if (b.length < 33 || String.fromCharCode(...b.subarray(12, 16)) !== 'IHDR') {
    throw new CorruptMediaError('PNG has no IHDR header');
  }
  const tail = String.fromCharCode(...b.subarray(b.length - 8, b.length - 4));
  if (tail !== 'IEND') throw new CorruptMediaError('PNG is truncated (no IEND chunk)');
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function readWebp(b: Uint8Array): ImageHeader {
  const riffSize = u32le(b, 4);
  if (riffSize + 8 > b.length || b.length < 30) throw new CorruptMediaError('WebP is truncated');
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') {
    if (b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) throw new CorruptMediaError('WebP VP8 frame tag missing');
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) throw new CorruptMediaError('WebP VP8L signature missing');
    const bits = u32le(b, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  throw new CorruptMediaError('WebP has an unknown first chunk');
}

function u16le(b: Uint8Array, o: number): number {
  return (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
}
