import { z } from 'zod';
import { challengeSchema } from '../challenge/challenge';
import { FacegateError } from '../errors/facegate-error';
import {
  DEFAULT_FRAME_CONSTRAINTS,
  DEFAULT_IMAGE_CONSTRAINTS,
  type MediaConstraints,
} from '../media/media-constraints';
import type { MediaInput, ValidatedMedia } from '../media/media-input';
import { validateImage, validateVideo } from '../media/validate-media';
import type { Frame, LivenessMedia, MediaLivenessRequest } from '../spec/requests';

/** Collection names: letters, digits, `_ . -`, 1–255 chars (the strictest vendor rule). */
export const collectionNameSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/, 'use 1–255 letters, digits, _ . or -');
/** External ids: letters, digits, `_ . - :`, 1–255 chars. */
export const externalIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,255}$/, 'use 1–255 letters, digits, _ . - or :');
/** Session and face ids as vendors issue them. */
export const opaqueIdSchema = z.string().regex(/^[A-Za-z0-9_.:-]{1,256}$/, 'not a valid id');
const providerOptionsSchema = z.record(z.string(), z.record(z.string(), z.unknown())).optional();
const mediaSchema = z.custom<MediaInput>(() => true);

/** Request shapes (media are checked separately, with the provider's constraints). */
export const requestSchemas = {
  mediaLiveness: z.strictObject({
    media: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('image'), image: mediaSchema }),
      z.strictObject({ kind: z.literal('video'), video: mediaSchema }),
      z.strictObject({
        kind: z.literal('frames'),
        frames: z.array(z.strictObject({ image: mediaSchema, capturedAtMs: z.number().finite().min(0) })).min(1),
      }),
    ]),
    challenge: challengeSchema.optional(),
    reference: mediaSchema.optional(),
    providerOptions: providerOptionsSchema,
  }),
  createSession: z
    .strictObject({
      idempotencyKey: z.string().min(1).max(64).optional(),
      deviceCorrelationId: z.string().min(1).max(64).optional(),
      reference: mediaSchema.optional(),
      ttlSeconds: z.number().int().min(60).max(86_400).optional(),
      providerOptions: providerOptionsSchema,
    })
    .optional(),
  sessionResult: z.strictObject({
    sessionId: opaqueIdSchema,
    provider: z.string().optional(),
    providerOptions: providerOptionsSchema,
  }),
  compare: z.strictObject({ source: mediaSchema, target: mediaSchema, providerOptions: providerOptionsSchema }),
  ensureCollection: z.strictObject({ collection: collectionNameSchema, providerOptions: providerOptionsSchema }),
  index: z.strictObject({
    collection: collectionNameSchema,
    externalId: externalIdSchema,
    image: mediaSchema,
    providerOptions: providerOptionsSchema,
  }),
  search: z.strictObject({
    collection: collectionNameSchema,
    image: mediaSchema,
    maxResults: z.number().int().min(1).max(100).optional(),
    minSimilarity: z.number().min(0).max(1).optional(),
    providerOptions: providerOptionsSchema,
  }),
  remove: z
    .strictObject({
      collection: collectionNameSchema,
      externalIds: z.array(externalIdSchema).max(1000).optional(),
      faceIds: z.array(opaqueIdSchema).max(1000).optional(),
      providerOptions: providerOptionsSchema,
    })
    .refine((r) => (r.externalIds?.length ?? 0) + (r.faceIds?.length ?? 0) > 0, {
      message: 'give externalIds or faceIds',
    }),
  quality: z.strictObject({ image: mediaSchema, providerOptions: providerOptionsSchema }),
} as const;

/** Check a request against its schema; a mismatch is `invalid_input` listing the paths. */
export function checkRequest<S extends z.ZodType>(schema: S, request: unknown, operation: string): z.infer<S> {
  const parsed = schema.safeParse(request);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`);
  throw new FacegateError({
    code: 'invalid_input',
    message: `${operation}: invalid request (${issues.slice(0, 5).join('; ')})`,
    details: { issues },
  });
}

/** Validate an image against a provider's constraints. */
export function checkImage(input: MediaInput, constraints: MediaConstraints, field: string): ValidatedMedia {
  return validateImage(input, constraints.image ?? DEFAULT_IMAGE_CONSTRAINTS, field);
}

/** Validate the media of a liveness request against a provider's constraints. */
export function checkLivenessMedia(media: LivenessMedia, constraints: MediaConstraints): LivenessMedia<ValidatedMedia> {
  switch (media.kind) {
    case 'image':
      return { kind: 'image', image: checkImage(media.image, constraints, 'media.image') };
    case 'video': {
      if (!constraints.video) {
        throw new FacegateError({
          code: 'unsupported_media',
          message: 'media.video: this provider accepts no video',
          details: { field: 'media.video' },
        });
      }
      return { kind: 'video', video: validateVideo(media.video, constraints.video, 'media.video') };
    }
    case 'frames': {
      const limits = constraints.frames ?? DEFAULT_FRAME_CONSTRAINTS;
      const count = media.frames.length;
      if (count < limits.minFrames || count > limits.maxFrames) {
        throw new FacegateError({
          code: 'invalid_input',
          message: `media.frames: ${count} frames given; ${limits.minFrames}–${limits.maxFrames} accepted`,
          details: { field: 'media.frames', issue: 'frame_count', ...limits, actual: count },
        });
      }
      let previous = -1;
      const frames: Frame<ValidatedMedia>[] = media.frames.map((frame, i) => {
        if (frame.capturedAtMs < previous) {
          throw new FacegateError({
            code: 'invalid_input',
            message: `media.frames[${i}]: capture times must not go backwards`,
            details: { field: `media.frames[${i}].capturedAtMs`, issue: 'order' },
          });
        }
        previous = frame.capturedAtMs;
        return {
          image: checkImage(frame.image, constraints, `media.frames[${i}].image`),
          capturedAtMs: frame.capturedAtMs,
        };
      });
      return { kind: 'frames', frames };
    }
  }
}

/** All validated media of a request, for warnings. */
export function mediaOf(request: MediaLivenessRequest<ValidatedMedia>): ValidatedMedia[] {
  const m = request.media;
  const items = m.kind === 'image' ? [m.image] : m.kind === 'video' ? [m.video] : m.frames.map((f) => f.image);
  return request.reference ? [...items, request.reference] : items;
}
