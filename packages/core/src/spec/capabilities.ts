/**
 * Operations a provider can support. Each adapter lists its own in
 * `capabilities`; calling anything else gives `unsupported_operation`.
 */
export const CAPABILITIES = [
  /** Session shape: create a session, the vendor's browser component captures, fetch the result. */
  'liveness.session',
  /** Media shape, one still image (passive). */
  'liveness.image',
  /** Media shape, a short video clip (passive). */
  'liveness.video',
  /** Media shape, a frame sequence answering a server-issued challenge (active). */
  'liveness.frames',
  /** Liveness and a match against a reference image answered by the same call. */
  'liveness.reference',
  /** 1:1 face comparison. */
  'match',
  /** 1:N search in named collections: index, search, remove. */
  'search',
  /** Quality feedback for one frame (face count, size, light, blur, pose). */
  'quality',
  /** A readiness probe (`ready` / `warming_up` / `down`). */
  'health',
] as const;

/** One capability. */
export type Capability = (typeof CAPABILITIES)[number];

/** True when `capabilities` includes `capability`. */
export function supports(capabilities: readonly Capability[], capability: Capability): boolean {
  return capabilities.includes(capability);
}
