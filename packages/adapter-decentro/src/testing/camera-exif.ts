/**
 * Test-media helper: give a JPEG the camera EXIF block (Make, DateTime,
 * FileSource, …) of another JPEG, so photos pass Decentro's capture-metadata
 * check. The TIFF data inside an APP1 segment is position-independent, so
 * the segment can be moved as is.
 */

const SOI = [0xff, 0xd8];

function segments(jpeg: Uint8Array): { marker: number; start: number; end: number }[] {
  if (jpeg[0] !== SOI[0] || jpeg[1] !== SOI[1]) throw new Error('not a JPEG');
  const out: { marker: number; start: number; end: number }[] = [];
  let offset = 2;
  while (offset + 4 <= jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break;
    const length = ((jpeg[offset + 2] ?? 0) << 8) | (jpeg[offset + 3] ?? 0);
    out.push({ marker, start: offset, end: offset + 2 + length });
    offset += 2 + length;
  }
  return out;
}

function isExif(jpeg: Uint8Array, segment: { marker: number; start: number }): boolean {
  return (
    segment.marker === 0xe1 && String.fromCharCode(...jpeg.subarray(segment.start + 4, segment.start + 8)) === 'Exif'
  );
}

/** Copy the EXIF (APP1) segment of `exifSource` into `jpeg`, replacing any EXIF it had. */
export function withCameraExif(jpeg: Uint8Array, exifSource: Uint8Array): Uint8Array {
  const app1 = segments(exifSource).find((s) => isExif(exifSource, s));
  if (!app1) throw new Error('the EXIF source JPEG has no EXIF segment');
  const exif = exifSource.subarray(app1.start, app1.end);
  const drop = segments(jpeg).filter((s) => isExif(jpeg, s));
  const parts: Uint8Array[] = [jpeg.subarray(0, 2), exif];
  let offset = 2;
  for (const s of drop) {
    parts.push(jpeg.subarray(offset, s.start));
    offset = s.end;
  }
  parts.push(jpeg.subarray(offset));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
