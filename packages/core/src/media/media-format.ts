/** Image formats facegate understands. */
export type ImageFormat = 'jpeg' | 'png' | 'webp';
/** Video formats facegate understands. */
export type VideoFormat = 'mp4' | 'webm';
/** Any media format facegate understands. */
export type MediaFormat = ImageFormat | VideoFormat;

/** Formats we can name but never accept, so the error can say what the file is. */
export type UnacceptedFormat = 'gif' | 'bmp' | 'tiff' | 'heic' | 'avif' | 'quicktime' | 'matroska' | 'pdf';

/** MIME type of each accepted format. */
export const MEDIA_TYPES: Readonly<Record<MediaFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/** True for image formats. */
export function isImageFormat(format: MediaFormat): format is ImageFormat {
  return format === 'jpeg' || format === 'png' || format === 'webp';
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  let out = '';
  for (let i = start; i < start + length && i < bytes.length; i++) out += String.fromCharCode(bytes[i] ?? 0);
  return out;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((value, i) => bytes[offset + i] === value);
}

/**
 * Identify a file from its first bytes, whatever its name or declared type.
 * Returns the accepted format, the name of a recognised but unaccepted format,
 * or `unknown`.
 */
export function sniffFormat(bytes: Uint8Array): MediaFormat | UnacceptedFormat | 'unknown' {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(bytes, 4, 4) === 'ftyp') return isoBmffBrand(ascii(bytes, 8, 4));
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    // EBML header: the DocType tells WebM from other Matroska files.
    return ascii(bytes, 0, 64).includes('webm') ? 'webm' : 'matroska';
  }
  return 'unknown';
}

function isoBmffBrand(brand: string): MediaFormat | UnacceptedFormat | 'unknown' {
  if (['heic', 'heix', 'hevc', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  if (brand === 'avif' || brand === 'avis') return 'avif';
  if (brand === 'qt  ') return 'quicktime';
  return 'mp4';
}
