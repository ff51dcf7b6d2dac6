import { CorruptMediaError } from './image-header';
import type { VideoFormat } from './media-format';

/** What a video container says about itself, read without decoding frames. */
export interface VideoHeader {
  /** Duration in milliseconds, or null when the container does not say. */
  durationMs: number | null;
}

/** Read a video container's duration and check its structure is whole. */
export function readVideoHeader(bytes: Uint8Array, format: VideoFormat): VideoHeader {
  return format === 'mp4' ? readMp4(bytes) : readWebm(bytes);
}

// ---- MP4 (ISO BMFF): walk top-level boxes; duration from moov/mvhd. ----

interface Box {
  type: string;
  start: number; // payload start
  end: number;
}

function* boxes(b: Uint8Array, from: number, to: number): Generator<Box> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let offset = from;
  while (offset + 8 <= to) {
    let size = view.getUint32(offset);
    const type = String.fromCharCode(...b.subarray(offset + 4, offset + 8));
    let header = 8;
    if (size === 1) {
      if (offset + 16 > to) throw new CorruptMediaError('MP4 box header is truncated');
      size = Number(view.getBigUint64(offset + 8));
      header = 16;
    } else if (size === 0) {
      size = to - offset;
    }
    if (size < header || offset + size > to) throw new CorruptMediaError(`MP4 box '${type}' runs past the end`);
    yield { type, start: offset + header, end: offset + size };
    offset += size;
  }
}

function readMp4(b: Uint8Array): VideoHeader {
  let moov: Box | undefined;
  for (const box of boxes(b, 0, b.length)) if (box.type === 'moov') moov = box;
  if (!moov) throw new CorruptMediaError('MP4 has no movie header (moov)');
  for (const box of boxes(b, moov.start, moov.end)) {
    if (box.type !== 'mvhd') continue;
    const view = new DataView(b.buffer, b.byteOffset + box.start, box.end - box.start);
    const version = view.getUint8(0);
    const timescale = version === 1 ? view.getUint32(20) : view.getUint32(12);
    const duration = version === 1 ? Number(view.getBigUint64(24)) : view.getUint32(16);
    if (timescale === 0) return { durationMs: null };
    return { durationMs: Math.round((duration / timescale) * 1000) };
  }
  throw new CorruptMediaError('MP4 movie header has no mvhd');
}

// ---- WebM (EBML): Segment/Info/Duration, or the last cluster timestamp. ----

const ID = {
  segment: 0x18538067,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  cluster: 0x1f43b675,
  clusterTimecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
} as const;

interface Element {
  id: number;
  start: number;
  end: number;
}

function readVint(
  b: Uint8Array,
  offset: number,
  keepMarker: boolean,
): { value: number; length: number; unknown: boolean } {
  const first = b[offset];
  if (first === undefined || first === 0) throw new CorruptMediaError('WebM has an invalid element header');
  const length = Math.clz32(first) - 23;
  if (offset + length > b.length) throw new CorruptMediaError('WebM element header is truncated');
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = b[offset + i] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function* elements(b: Uint8Array, from: number, to: number): Generator<Element> {
  let offset = from;
  while (offset < to) {
    const id = readVint(b, offset, true);
    const size = readVint(b, offset + id.length, false);
    const start = offset + id.length + size.length;
    const end = size.unknown ? to : start + size.value;
    if (end > to) {
      // A cluster cut short at the end of a recording is tolerated; nothing else is.
      if (id.value === ID.cluster) {
        yield { id: id.value, start, end: to };
        return;
      }
      throw new CorruptMediaError('WebM element runs past the end');
    }
    yield { id: id.value, start, end };
    offset = end;
  }
}

function readUint(b: Uint8Array, el: Element): number {
  let value = 0;
  for (let i = el.start; i < el.end; i++) value = value * 256 + (b[i] ?? 0);
  return value;
}

function readWebm(b: Uint8Array): VideoHeader {
  let segment: Element | undefined;
  for (const el of elements(b, 0, b.length)) if (el.id === ID.segment) segment = el;
  if (!segment) throw new CorruptMediaError('WebM has no segment');
  let scaleNs = 1_000_000;
  let duration: number | null = null;
  let lastTimecode = -1;
  for (const el of elements(b, segment.start, segment.end)) {
    if (el.id === ID.info) {
      for (const child of elements(b, el.start, el.end)) {
        if (child.id === ID.timecodeScale) scaleNs = readUint(b, child);
        if (child.id === ID.duration) {
          const view = new DataView(b.buffer, b.byteOffset + child.start, child.end - child.start);
          duration = child.end - child.start === 4 ? view.getFloat32(0) : view.getFloat64(0);
        }
      }
    }
    if (el.id === ID.cluster) lastTimecode = Math.max(lastTimecode, lastClusterTime(b, el));
  }
  if (duration !== null && Number.isFinite(duration)) return { durationMs: Math.round((duration * scaleNs) / 1e6) };
  // Browser MediaRecorder output carries no Duration; use the last block time.
  if (lastTimecode >= 0) return { durationMs: Math.round((lastTimecode * scaleNs) / 1e6) };
  return { durationMs: null };
}

function lastClusterTime(b: Uint8Array, cluster: Element): number {
  let base = 0;
  let latest = 0;
  try {
    for (const el of elements(b, cluster.start, cluster.end)) {
      if (el.id === ID.clusterTimecode) base = readUint(b, el);
      const block = el.id === ID.simpleBlock ? el : el.id === ID.blockGroup ? firstBlock(b, el) : undefined;
      if (block) {
        const track = readVint(b, block.start, false);
        const view = new DataView(b.buffer, b.byteOffset + block.start + track.length, 2);
        latest = Math.max(latest, view.getInt16(0));
      }
    }
  } catch {
    // A truncated last cluster still tells us its base time.
  }
  return base + latest;
}

function firstBlock(b: Uint8Array, group: Element): Element | undefined {
  for (const el of elements(b, group.start, group.end)) if (el.id === ID.block) return el;
  return undefined;
}
