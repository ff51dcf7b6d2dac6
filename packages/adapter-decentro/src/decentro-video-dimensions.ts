import type { VideoFormat } from '@facegate/core';

/**
 * Frame size of a validated video, read from its container header without
 * decoding: MP4 from the video track's `tkhd`, WebM from the video
 * `TrackEntry`'s `PixelWidth` / `PixelHeight`.
 *
 * A stopgap until core reports video dimensions on `ValidatedMedia` (core
 * already checked the container is whole). Anything unexpected gives `null`:
 * the caller then leaves the resolution rule to Decentro.
 */
export interface VideoDimensions {
  width: number;
  height: number;
}

/** Read the frame size of an MP4 or WebM clip, or `null` when the header does not say. */
export function readVideoDimensions(bytes: Uint8Array, format: VideoFormat): VideoDimensions | null {
  try {
    return format === 'mp4' ? mp4Dimensions(bytes) : webmDimensions(bytes);
  } catch {
    return null;
  }
}

function usable(width: number, height: number): VideoDimensions | null {
  return width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height) ? { width, height } : null;
}

// MP4 (ISO BMFF): moov > trak (with mdia > hdlr 'vide') > tkhd; width/height are 16.16 fixed point.

interface Mp4Box {
  type: string;
  from: number;
  to: number;
}

function mp4Children(bytes: Uint8Array, from: number, to: number): Mp4Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Mp4Box[] = [];
  let at = from;
  while (at + 8 <= to) {
    const declared = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4] ?? 0, bytes[at + 5] ?? 0, bytes[at + 6] ?? 0, bytes[at + 7] ?? 0);
    const header = declared === 1 ? 16 : 8;
    const size = declared === 1 ? Number(view.getBigUint64(at + 8)) : declared === 0 ? to - at : declared;
    if (size < header || at + size > to) break;
    out.push({ type, from: at + header, to: at + size });
    at += size;
  }
  return out;
}

const child = (bytes: Uint8Array, box: Mp4Box, type: string) =>
  mp4Children(bytes, box.from, box.to).find((b) => b.type === type);

function isVideoTrack(bytes: Uint8Array, trak: Mp4Box): boolean {
  const mdia = child(bytes, trak, 'mdia');
  const hdlr = mdia && child(bytes, mdia, 'hdlr');
  if (!hdlr || hdlr.to - hdlr.from < 12) return false;
  return String.fromCharCode(...bytes.subarray(hdlr.from + 8, hdlr.from + 12)) === 'vide';
}

function mp4Dimensions(bytes: Uint8Array): VideoDimensions | null {
  const moov = mp4Children(bytes, 0, bytes.length).find((b) => b.type === 'moov');
  if (!moov) return null;
  for (const trak of mp4Children(bytes, moov.from, moov.to)) {
    if (trak.type !== 'trak' || !isVideoTrack(bytes, trak)) continue;
    const tkhd = child(bytes, trak, 'tkhd');
    if (!tkhd) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset + tkhd.from, tkhd.to - tkhd.from);
    // Version 1 widens four time fields from 32 to 64 bits, moving width/height by 12 bytes.
    const at = view.getUint8(0) === 1 ? 88 : 76;
    return usable(view.getUint32(at) / 65536, view.getUint32(at + 4) / 65536);
  }
  return null;
}

// WebM (Matroska/EBML): Segment > Tracks > TrackEntry (TrackType 1) > Video > PixelWidth / PixelHeight.

const EBML = {
  segment: 0x18538067,
  tracks: 0x1654ae6b,
  cluster: 0x1f43b675,
  trackEntry: 0xae,
  trackType: 0x83,
  video: 0xe0,
  pixelWidth: 0xb0,
  pixelHeight: 0xba,
} as const;

interface EbmlElement {
  id: number;
  from: number;
  to: number;
}

/** An EBML variable-length integer: its length is given by the first set bit of its first byte. */
function vint(bytes: Uint8Array, at: number, stripMarker: boolean): { value: number; size: number; unknown: boolean } {
  const first = bytes[at] ?? 0;
  if (first === 0) throw new Error('invalid EBML integer');
  const size = Math.clz32(first) - 23;
  const marker = 0x80 >> (size - 1);
  let value = stripMarker ? first & (marker - 1) : first;
  let unknown = stripMarker && value === marker - 1;
  for (let i = 1; i < size; i++) {
    const byte = bytes[at + i] ?? 0;
    value = value * 256 + byte;
    unknown &&= byte === 0xff;
  }
  return { value, size, unknown };
}

function ebmlChildren(bytes: Uint8Array, from: number, to: number, stopAt?: number): EbmlElement[] {
  const out: EbmlElement[] = [];
  let at = from;
  while (at < to) {
    const id = vint(bytes, at, false);
    const length = vint(bytes, at + id.size, true);
    const start = at + id.size + length.size;
    const end = length.unknown ? to : Math.min(start + length.value, to);
    out.push({ id: id.value, from: start, to: end });
    if (id.value === stopAt) break;
    at = end;
  }
  return out;
}

function ebmlUint(bytes: Uint8Array, element: EbmlElement | undefined): number {
  if (!element) return 0;
  let value = 0;
  for (let i = element.from; i < element.to; i++) value = value * 256 + (bytes[i] ?? 0);
  return value;
}

function webmDimensions(bytes: Uint8Array): VideoDimensions | null {
  const segment = ebmlChildren(bytes, 0, bytes.length, EBML.segment).find((e) => e.id === EBML.segment);
  if (!segment) return null;
  // Track headers precede the first cluster; stop there instead of walking the media.
  const tracks = ebmlChildren(bytes, segment.from, segment.to, EBML.cluster).find((e) => e.id === EBML.tracks);
  if (!tracks) return null;
  for (const entry of ebmlChildren(bytes, tracks.from, tracks.to)) {
    if (entry.id !== EBML.trackEntry) continue;
    const fields = ebmlChildren(bytes, entry.from, entry.to);
    if (
      ebmlUint(
        bytes,
        fields.find((e) => e.id === EBML.trackType),
      ) !== 1
    )
      continue;
    const video = fields.find((e) => e.id === EBML.video);
    if (!video) return null;
    const size = ebmlChildren(bytes, video.from, video.to);
    return usable(
      ebmlUint(
        bytes,
        size.find((e) => e.id === EBML.pixelWidth),
      ),
      ebmlUint(
        bytes,
        size.find((e) => e.id === EBML.pixelHeight),
      ),
    );
  }
  return null;
}
