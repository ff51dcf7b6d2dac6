import { descriptorDistance } from './similarity';

/** |yaw| (degrees) up to which a frame is also compared with the reference frame directly. */
export const CONTINUITY_DIRECT_YAW = 20;

/**
 * Largest identity step along a capture: `descriptors[0]` is the reference
 * (frontal) frame, the rest the later frames with a face, in capture order.
 *
 * Each frame is compared with the one before it, and a near-frontal frame also
 * with the reference. A person swapped in shows as one large step; a turn of
 * the same person does not, because neighbouring frames are 100–250 ms apart
 * and nearly the same pose, whereas a frontal-to-turned comparison at webcam
 * quality can exceed the 1:1 threshold (0.67 measured on a real recording at
 * JPEG quality 1).
 */
export function continuityDistance(descriptors: readonly Float32Array[], yaws: readonly (number | null)[]): number {
  const reference = descriptors[0];
  if (!reference) throw new RangeError('continuityDistance: no reference descriptor');
  let worst = 0;
  for (let k = 1; k < descriptors.length; k++) {
    const d = descriptors[k] as Float32Array;
    worst = Math.max(worst, descriptorDistance(descriptors[k - 1] as Float32Array, d));
    const yaw = yaws[k];
    if (yaw !== null && yaw !== undefined && Math.abs(yaw) <= CONTINUITY_DIRECT_YAW)
      worst = Math.max(worst, descriptorDistance(reference, d));
  }
  return worst;
}
