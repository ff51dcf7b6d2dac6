import { FacegateError } from '@facegate/core';
import sharp from 'sharp';

/** Most pixels any upload may decode to (the header check allows less; this bounds the decoder itself). */
export const MAX_DECODE_PIXELS = 40_000_000;

/**
 * The refusal for an image whose header is valid but whose pixels do not
 * decode (corrupt scan data, a cut file with its end marker re-added, a broken
 * PNG stream, garbage WebP). It is the upload's fault: a 400, never a 500.
 * The decoder's own message is not passed on.
 */
export function undecodable(field: string): FacegateError {
  return new FacegateError({
    code: 'invalid_input',
    message: `${field}: the image's pixels cannot be decoded (the file is damaged)`,
    details: { field, issue: 'undecodable' },
  });
}

/** Options for sharp that make any decoder warning (truncated or corrupt data) an error. */
export const STRICT_DECODE = { failOn: 'warning', limitInputPixels: MAX_DECODE_PIXELS } as const;

/** Decode every pixel of `bytes`; throws {@link undecodable} when that fails. */
export async function assertDecodable(bytes: Uint8Array, field: string): Promise<void> {
  try {
    await sharp(bytes, STRICT_DECODE).raw().toBuffer();
  } catch {
    throw undecodable(field);
  }
}
