// Decode a JPEG frame the way the provider does (sRGB, 640 px long side), for timing the engine alone.
import sharp from 'sharp';

export async function decodeFrame(bytes) {
  const { data, info } = await sharp(bytes, { failOn: 'warning', sequentialRead: true, ignoreIcc: true })
    .rotate()
    .toColourspace('srgb')
    .resize({ width: 640, height: 640, fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}
