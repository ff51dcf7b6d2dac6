import type { ImageFormat } from './media-format';

/** The EXIF tags facegate reads: capture provenance and orientation. */
export interface ExifSummary {
  make?: string;
  model?: string;
  /** IFD0 DateTime, as written (`YYYY:MM:DD HH:MM:SS`). */
  dateTime?: string;
  dateTimeOriginal?: string;
  /** FileSource (0xA300); 3 means a digital still camera. */
  fileSource?: number;
  /** Orientation 1–8 (1 = upright). */
  orientation?: number;
  software?: string;
}

const TAG = {
  make: 0x010f,
  model: 0x0110,
  orientation: 0x0112,
  software: 0x0131,
  dateTime: 0x0132,
  exifIfd: 0x8769,
  dateTimeOriginal: 0x9003,
  fileSource: 0xa300,
} as const;

/** Find the TIFF block holding EXIF data in a JPEG, PNG or WebP file, if any. */
function findTiff(bytes: Uint8Array, format: ImageFormat): Uint8Array | undefined {
  if (format === 'jpeg') {
    let offset = 2;
    while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
      const marker = bytes[offset + 1] ?? 0;
      if (marker === 0xda || marker === 0xd9) return undefined;
      const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
      const start = offset + 4;
      if (marker === 0xe1 && String.fromCharCode(...bytes.subarray(start, start + 4)) === 'Exif') {
        return bytes.subarray(start + 6, Math.min(bytes.length, offset + 2 + length));
      }
      offset += 2 + length;
    }
    return undefined;
  }
  const chunkName = format === 'png' ? 'eXIf' : 'EXIF';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = format === 'png' ? 8 : 12;
  while (offset + 8 <= bytes.length) {
    const length = format === 'png' ? view.getUint32(offset) : view.getUint32(offset + 4, true);
    const name = String.fromCharCode(
      ...bytes.subarray(format === 'png' ? offset + 4 : offset, format === 'png' ? offset + 8 : offset + 4),
    );
    const start = offset + 8;
    if (name === chunkName) {
      const tiff = bytes.subarray(start, Math.min(bytes.length, start + length));
      // Some WebP writers keep the JPEG "Exif\0\0" prefix.
      return String.fromCharCode(...tiff.subarray(0, 4)) === 'Exif' ? tiff.subarray(6) : tiff;
    }
    offset = start + length + (format === 'png' ? 4 : length % 2);
  }
  return undefined;
}

/**
 * Read provenance and orientation tags. Returns an empty summary when the file
 * has no EXIF block or the block is unreadable (EXIF is advisory; a broken
 * block must not fail an otherwise valid image).
 */
export function readExif(bytes: Uint8Array, format: ImageFormat): ExifSummary {
  const tiff = findTiff(bytes, format);
  if (!tiff || tiff.length < 8) return {};
  try {
    return parseTiff(tiff);
  } catch {
    return {};
  }
}

function parseTiff(tiff: Uint8Array): ExifSummary {
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return {};
  const le = order === 'II';
  const u16 = (o: number) => view.getUint16(o, le);
  const u32 = (o: number) => view.getUint32(o, le);
  const out: ExifSummary = {};

  const readAscii = (entry: number): string => {
    const count = u32(entry + 4);
    const start = count <= 4 ? entry + 8 : u32(entry + 8);
    if (start + count > tiff.length) return '';
    return String.fromCharCode(...tiff.subarray(start, start + count))
      .replace(/\0+$/, '')
      .trim();
  };
  const readIfd = (offset: number, visit: (tag: number, entry: number) => void) => {
    if (offset + 2 > tiff.length) return;
    const count = u16(offset);
    for (let i = 0; i < count; i++) {
      const entry = offset + 2 + i * 12;
      if (entry + 12 > tiff.length) return;
      visit(u16(entry), entry);
    }
  };

  let exifIfd = 0;
  readIfd(u32(4), (tag, entry) => {
    if (tag === TAG.make) out.make = readAscii(entry);
    if (tag === TAG.model) out.model = readAscii(entry);
    if (tag === TAG.software) out.software = readAscii(entry);
    if (tag === TAG.dateTime) out.dateTime = readAscii(entry);
    if (tag === TAG.orientation) out.orientation = u16(entry + 8);
    if (tag === TAG.exifIfd) exifIfd = u32(entry + 8);
  });
  if (exifIfd > 0) {
    readIfd(exifIfd, (tag, entry) => {
      if (tag === TAG.dateTimeOriginal) out.dateTimeOriginal = readAscii(entry);
      if (tag === TAG.fileSource) out.fileSource = tiff[entry + 8] ?? 0;
    });
  }
  return out;
}
