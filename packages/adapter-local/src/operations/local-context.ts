import type { ValidatedMedia } from '@facegate/core';
import type { CallContext } from '@facegate/core/spec';
import { decodeImage, type RgbImage } from '../engine/decode-image';
import type { DescribedFace, EngineFace, FaceEngine } from '../engine/face-engine';
import { EngineOutputError, toFacegateError } from '../local-errors';
import type { FaceTemplateStore } from '../search/template-store';

/** What every operation of one provider instance shares. */
export interface LocalContext {
  readonly engine: FaceEngine;
  readonly store: FaceTemplateStore;
  /** Longest side images are reduced to before inference. */
  readonly maxSide: number;
  /** Current time (for tests). */
  readonly now: () => number;
}

/** Settle with `work`, or reject with the signal's reason as soon as it aborts (the engine frees the slot itself). */
function abortable<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Run one step of engine work with the call's abort signal, mapping failures to FacegateError. */
export async function engineStep<T>(
  _local: LocalContext,
  ctx: CallContext,
  operation: string,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  ctx.signal.throwIfAborted();
  try {
    return await abortable(ctx.signal, work(ctx.signal));
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
const finitePoint = (p: readonly [number, number]) => finite(p[0]) && finite(p[1]);
const unit = (v: number) => finite(v) && v >= 0 && v <= 1;

/** Reject engine output that is not a usable face (wrong landmark count, NaN, scores outside 0..1). */
export function checkFace<F extends EngineFace>(face: F): F {
  const b = face.box;
  if (![b.x, b.y, b.width, b.height].every(finite) || b.width <= 0 || b.height <= 0)
    throw new EngineOutputError('face box is not finite');
  if (face.score !== null && !unit(face.score)) throw new EngineOutputError('face score is malformed');
  if (face.landmarks.length !== 68 || !face.landmarks.every(finitePoint))
    throw new EngineOutputError('face landmarks are malformed');
  if (face.landmarks5?.length !== 5 || !face.landmarks5.every(finitePoint))
    throw new EngineOutputError('face alignment points are malformed');
  if (face.pose && ![face.pose.yaw, face.pose.pitch, face.pose.roll].every(finite))
    throw new EngineOutputError('head pose is malformed');
  if (face.eyes && !(unit(face.eyes.left) && unit(face.eyes.right)))
    throw new EngineOutputError('eye state is malformed');
  if (face.antiSpoof && !unit(face.antiSpoof.real)) throw new EngineOutputError('anti-spoof score is malformed');
  return face;
}

/** Reject a descriptor that is not `length` finite numbers. */
export function checkDescriptor(descriptor: Float32Array, length: number): Float32Array {
  if (!(descriptor instanceof Float32Array) || descriptor.length !== length || !descriptor.every(finite))
    throw new EngineOutputError('descriptor is malformed');
  return descriptor;
}

/** Check all described faces. */
export function checkDescribed(faces: DescribedFace[], length: number): DescribedFace[] {
  for (const f of faces) {
    checkFace(f);
    checkDescriptor(f.descriptor, length);
  }
  return faces;
}
