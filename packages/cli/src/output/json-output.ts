import {
  boundingBoxSchema,
  CAPABILITIES,
  CHALLENGE_ACTIONS,
  DECISION_OUTCOMES,
  ERROR_CODES,
  reasonCodeSchema,
  warningSchema,
} from '@facegate/core';
import { z } from 'zod';
import { CLI_ERROR_CODES } from '../cli-error';

/**
 * Version of the `--json` schema. Adding a field keeps the version; removing
 * or renaming one, or changing a field's meaning, bumps it.
 */
export const JSON_SCHEMA_VERSION = 1 as const;

const score = z.number().min(0).max(1);
const decision = z.strictObject({ outcome: z.enum(DECISION_OUTCOMES), reasons: z.array(reasonCodeSchema) });
const band = z.strictObject({ passAt: score, reviewAt: score });

const envelope = {
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  /** True when the exit code is 0. */
  ok: z.boolean(),
  /** The process exit code (0 pass, 1 not passed). */
  exitCode: z.union([z.literal(0), z.literal(1)]),
  /** Provider id that answered. */
  provider: z.string(),
  /** The vendor's request id, when it gives one (for support tickets). */
  requestId: z.string().nullable(),
  warnings: z.array(warningSchema),
};

/** `facegate match A B --json`. */
export const matchOutputSchema = z.strictObject({
  ...envelope,
  command: z.literal('match'),
  source: z.string(),
  target: z.string(),
  isMatch: z.boolean(),
  similarity: score.nullable(),
  threshold: band,
  decision,
  reasons: z.array(reasonCodeSchema),
  faces: z.strictObject({ source: z.number().int().nullable(), target: z.number().int().nullable() }),
});

/** `facegate liveness FILE|DIR --json`. */
export const livenessOutputSchema = z.strictObject({
  ...envelope,
  command: z.literal('liveness'),
  input: z.strictObject({
    path: z.string(),
    kind: z.enum(['image', 'video', 'frames']),
    /** Frame files in the order they were sent (frames only). */
    frames: z.array(z.strictObject({ file: z.string(), capturedAtMs: z.number() })).optional(),
    /** The challenge sent with the frames (from `--challenge`; frames only). */
    challenge: z.strictObject({ steps: z.array(z.enum(CHALLENGE_ACTIONS)), stepTimeoutMs: z.number() }).optional(),
  }),
  isLive: z.boolean(),
  verdict: z.enum(['live', 'spoof', 'inconclusive']).nullable(),
  confidence: score.nullable(),
  threshold: band,
  decision,
  reasons: z.array(reasonCodeSchema),
  /** The challenge the frames answered and how each step went (frames only, when the provider reports it). */
  challenge: z
    .strictObject({
      steps: z.array(
        z.strictObject({ action: z.enum(CHALLENGE_ACTIONS), completed: z.boolean(), atMs: z.number().nullable() }),
      ),
      passed: z.boolean(),
    })
    .nullable(),
  /** Whether the provider returned a reference image (its bytes are never printed). */
  referenceImage: z.strictObject({ mediaType: z.string().nullable(), byteLength: z.number().int() }).nullable(),
});

/** `facegate quality FILE --json`. */
export const qualityOutputSchema = z.strictObject({
  ...envelope,
  command: z.literal('quality'),
  input: z.strictObject({ path: z.string() }),
  decision,
  reasons: z.array(reasonCodeSchema),
  faces: z.array(
    z.strictObject({
      box: boundingBoxSchema,
      confidence: score.nullable(),
      pose: z.strictObject({ yaw: z.number(), pitch: z.number(), roll: z.number() }).optional(),
    }),
  ),
  metrics: z.strictObject({
    brightness: score.nullable(),
    sharpness: score.nullable(),
    faceAreaRatio: score.nullable(),
    centerOffset: z.number().nullable(),
    eyesOpen: z.boolean().nullable(),
  }),
});

const searchBase = { ...envelope, command: z.literal('search'), collection: z.string() };

/** `facegate search --collection C add --id ID FILE --json`. */
export const searchAddOutputSchema = z.strictObject({
  ...searchBase,
  action: z.literal('add'),
  input: z.strictObject({ path: z.string() }),
  faceId: z.string(),
  externalId: z.string(),
  reasons: z.array(reasonCodeSchema),
});

/** `facegate search --collection C find FILE --json`: `ok` (exit 0) means no duplicate. */
export const searchFindOutputSchema = z.strictObject({
  ...searchBase,
  action: z.literal('find'),
  input: z.strictObject({ path: z.string() }),
  isDuplicate: z.boolean(),
  threshold: z.strictObject({ rejectAt: score, reviewAt: score }),
  decision,
  reasons: z.array(reasonCodeSchema),
  matches: z.array(z.strictObject({ faceId: z.string(), externalId: z.string(), similarity: score })),
});

/** `facegate search --collection C remove --id ID --json`. */
export const searchRemoveOutputSchema = z.strictObject({
  ...searchBase,
  action: z.literal('remove'),
  removedFaceIds: z.array(z.string()),
});

/** `facegate providers --json`. */
export const providersOutputSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  ok: z.literal(true),
  exitCode: z.literal(0),
  command: z.literal('providers'),
  /** The provider commands use without `--provider` (FACEGATE_PROVIDER or the default). */
  selected: z.string(),
  providers: z.array(
    z.strictObject({
      id: z.string(),
      /** npm package of the adapter, or null when built into @facegate/core. */
      package: z.string().nullable(),
      installed: z.boolean(),
      displayName: z.string().nullable(),
      /** Null when the package is not installed (unknown). */
      configured: z.boolean().nullable(),
      /** Required env variables that are not set. */
      missing: z.array(z.string()),
      note: z.string().optional(),
      capabilities: z.array(z.enum(CAPABILITIES)),
      /** The provider's env variables and whether each is set (values are never printed). */
      envVars: z.array(
        z.strictObject({ name: z.string(), required: z.boolean(), secret: z.boolean(), set: z.boolean() }),
      ),
      /** Why it could not be loaded, when installed but broken. */
      loadError: z.string().optional(),
    }),
  ),
});

/** Any failure, with `--json`: exit code 2 (usage/input) or 3 (provider/system). */
export const errorOutputSchema = z.strictObject({
  schemaVersion: z.literal(JSON_SCHEMA_VERSION),
  ok: z.literal(false),
  exitCode: z.union([z.literal(2), z.literal(3)]),
  /** The command that failed, when the command line named one. */
  command: z.string().nullable(),
  error: z.strictObject({
    /** A facegate error code (`auth_failed`, `invalid_input`, …) or a CLI one (`input_error`, `adapter_not_installed`, …). */
    code: z.union([z.enum(ERROR_CODES), z.enum(CLI_ERROR_CODES), z.literal('internal_error')]),
    message: z.string(),
    /** Whether the same command may succeed later unchanged (null when unknown). */
    retryable: z.boolean().nullable(),
    provider: z.string().nullable(),
    requestId: z.string().nullable(),
  }),
});

/** Every document `--json` prints: exactly one per run, on stdout. */
export const cliJsonOutputSchema = z.union([
  matchOutputSchema,
  livenessOutputSchema,
  qualityOutputSchema,
  searchAddOutputSchema,
  searchFindOutputSchema,
  searchRemoveOutputSchema,
  providersOutputSchema,
  errorOutputSchema,
]);

/** `--json` output of `match`. */
export type MatchOutput = z.infer<typeof matchOutputSchema>;
/** `--json` output of `liveness`. */
export type LivenessOutput = z.infer<typeof livenessOutputSchema>;
/** `--json` output of `quality`. */
export type QualityOutput = z.infer<typeof qualityOutputSchema>;
/** `--json` output of `search … add`. */
export type SearchAddOutput = z.infer<typeof searchAddOutputSchema>;
/** `--json` output of `search … find`. */
export type SearchFindOutput = z.infer<typeof searchFindOutputSchema>;
/** `--json` output of `search … remove`. */
export type SearchRemoveOutput = z.infer<typeof searchRemoveOutputSchema>;
/** `--json` output of `providers`. */
export type ProvidersOutput = z.infer<typeof providersOutputSchema>;
/** `--json` output of any failure. */
export type ErrorOutput = z.infer<typeof errorOutputSchema>;
/** Any `--json` document. */
export type CliJsonOutput = z.infer<typeof cliJsonOutputSchema>;
