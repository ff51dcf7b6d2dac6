import type { ValidatedMedia } from '@facegate/core';
import type { CallContext } from '@facegate/core/spec';
import { decodeImage, type RgbImage } from '../engine/decode-image';
import type { EngineGate } from '../engine/engine-gate';
import type { DescribedFace, EngineFace, FaceEngine } from '../engine/face-engine';
import { EngineOutputError, toFacegateError } from '../local-errors';
import type { FaceTemplateStore } from '../search/template-store';

/** What every operation of one provider instance shares. */
export interface LocalContext {
  readonly engine: FaceEngine;
  readonly gate: EngineGate;
  readonly store: FaceTemplateStore;
  /** Longest side images are reduced to before inference. */
  readonly maxSide: number;
  /** Current time (for tests). */
  readonly now: () => number;
}

/** Run one step of engine work under the gate, mapping failures to FacegateError. */
export async function engineStep<T>(
  local: LocalContext,
  ctx: CallContext,
  operation: string,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await local.gate.run(ctx.signal, work);
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    throw toFacegateError(error, operation);
  }
}

/** Decode validated media to RGB at the engine's working size. */
export async function decode(
  local: LocalContext,
  ctx: CallContext,
  operation: string,
  media: ValidatedMedia,
): Promise<RgbImage> {
  ctx.signal.throwIfAborted();
  try {
    return await decodeImage(media, { maxSide: local.maxSide });
  } catch (error) {
    throw toFacegateError(error, operation);
  }
}

const finite = (v: number) => Number.isFinite(v);

/** Reject engine output that is not a usable face (wrong landmark count, NaN). */
export function checkFace<F extends EngineFace>(face: F): F {
  const b = face.box;
  if (![b.x, b.y, b.width, b.height].every(finite) || b.width <= 0 || b.height <= 0)
    throw new EngineOutputError('face box is not finite');
  if (face.landmarks.length !== 68 || !face.landmarks.every((p) => finite(p[0]) && finite(p[1])))
    throw new EngineOutputError('face landmarks are malformed');
  return face;
}

/** Reject a descriptor that is not 128 finite numbers. */
export function checkDescriptor(descriptor: Float32Array): Float32Array {
  if (descriptor.length !== 128 || !descriptor.every(finite)) throw new EngineOutputError('descriptor is malformed');
  return descriptor;
}

/** Check all described faces. */
export function checkDescribed(faces: DescribedFace[]): DescribedFace[] {
  for (const f of faces) {
    checkFace(f);
    checkDescriptor(f.descriptor);
  }
  return faces;
}
