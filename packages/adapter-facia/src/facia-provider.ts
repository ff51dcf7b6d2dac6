import {
  DEFAULT_IMAGE_CONSTRAINTS,
  FacegateError,
  type MediaConstraints,
  type ReasonCode,
  type Warning,
} from '@facegate/core';
import { createHttpTransport, readProviderOptions } from '@facegate/core/adapter-kit';
import {
  type CallContext,
  type Capability,
  type FaceMatchOperations,
  type HealthOperations,
  type LifecycleOperations,
  type LivenessObservation,
  type MatchObservation,
  type MediaLivenessOperations,
  type ProviderInfo,
  type ProviderOptions,
  SPECIFICATION_VERSION,
} from '@facegate/core/spec';
import { z } from 'zod';
import { type FaciaFaceAnswer, processFace } from './facia-process-face';
import { createFaciaReadiness } from './facia-readiness';
import {
  FACIA_PROVIDER_ID,
  type FaciaProviderOptions,
  isPlainHttpOffHost,
  resolveFaciaSettings,
} from './facia-settings';
import { waitUntilReady } from './facia-warm-up';

/**
 * What the adapter offers. `liveness.image` is declared because core routes
 * every image liveness call through it, with or without a reference; see
 * {@link createFaciaProvider} for what a call without a reference does.
 */
export const FACIA_CAPABILITIES: readonly Capability[] = ['liveness.image', 'liveness.reference', 'match', 'health'];

/** Largest image accepted, per image (an assumption: Facia documents no limit). */
export const FACIA_MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Facia accepts PNG and JPEG only; the size limit is our conservative assumption. */
export const FACIA_MEDIA_CONSTRAINTS: MediaConstraints = {
  image: { ...DEFAULT_IMAGE_CONSTRAINTS, formats: ['jpeg', 'png'], maxBytes: FACIA_MAX_IMAGE_BYTES },
};

/**
 * The Facia adapter: media liveness (with a reference in the same call), 1:1
 * match, a readiness probe, and `warmUp()` / `close()` around the server's warm-up.
 */
export type FaciaProvider = ProviderInfo &
  MediaLivenessOperations &
  FaceMatchOperations &
  HealthOperations &
  LifecycleOperations;

// Two images of at most 5 MiB each grow by 4/3 as base64: ~14 MiB of JSON. Leave room.
const MAX_REQUEST_BYTES = 32 * 1024 * 1024;
// Answers are a few hundred bytes; anything past this is not a Facia answer.
const MAX_ANSWER_BYTES = 1024 * 1024;

// Facia takes no per-call options; any key given is reported as ignored.
const noProviderOptions = z.object({});

/** Warning on a liveness call without a reference. */
export const SELF_REFERENCE_WARNING =
  'Facia needs a reference image in every call: the selfie was sent as the document image too, and the face-match half of the answer was discarded. Pass `reference` to get a real match from the same call';

function flagReasons(answer: FaciaFaceAnswer): ReasonCode[] {
  return answer.flagged ? ['vendor_review'] : [];
}

/**
 * Create the Facia adapter for a self-hosted Facia server.
 *
 * - `checkLiveness({ media: { kind: 'image', image: selfie }, reference: document })`
 *   makes ONE `process_face` call and returns liveness plus `faceMatch`.
 * - Without `reference`, the selfie is sent as both images (Facia refuses a
 *   call with one image) and the match half is discarded, with a warning.
 * - `compareFaces({ source: selfie, target: document })` makes one call too;
 *   Facia's liveness answer is kept in `raw` (plus a warning when it says spoof).
 * - Before each operation the server's readiness is probed (cached for
 *   `readinessTtlMs`); while it warms up or is down the call fails with a
 *   retryable `provider_unavailable` and no image leaves the process.
 * - `warmUp()` waits (up to `warmUpTimeoutMs`, probing every `warmUpPollMs`)
 *   until `/status_check` says "Service is live", then resolves; it fails
 *   with a retryable `provider_unavailable` when the server is not ready in
 *   time. `close()` cancels a pending `warmUp()`. Neither sends an image.
 *
 * Settings come from the options, else `FACIA_BASE_URL` / `FACIA_HASH_ID`.
 */
export function createFaciaProvider(options: FaciaProviderOptions = {}): FaciaProvider {
  const env = options.env ?? (typeof process === 'undefined' ? {} : process.env);
  const settings = resolveFaciaSettings(options, env);
  const http = createHttpTransport({
    provider: FACIA_PROVIDER_ID,
    baseUrl: settings.baseUrl,
    httpClient: options.httpClient,
    headers: { accept: 'application/json' },
    maxRequestBytes: MAX_REQUEST_BYTES,
    maxAnswerBytes: MAX_ANSWER_BYTES,
  });
  const now = options.now ?? Date.now;
  const readiness = createFaciaReadiness(http, settings.readinessTtlMs, now);
  const deps = { http, readiness, hashId: settings.hashId };
  let transportWarned = false;
  let closing = new AbortController();
  let warming: Promise<void> | undefined;

  /** Per-call checks shared by the operations: provider options, the plain-HTTP warning. */
  function startCall(ctx: CallContext, warnings: Warning[], providerOptions: ProviderOptions | undefined): void {
    readProviderOptions(FACIA_PROVIDER_ID, noProviderOptions, providerOptions, warnings);
    if (!transportWarned && isPlainHttpOffHost(settings.baseUrl)) {
      transportWarned = true;
      ctx.logger.warn(
        { provider: FACIA_PROVIDER_ID },
        'the Facia server is reached over plain HTTP on another host: the hash id and face images travel unencrypted; use https or a private network',
      );
    }
  }

  return {
    specificationVersion: SPECIFICATION_VERSION,
    provider: FACIA_PROVIDER_ID,
    capabilities: FACIA_CAPABILITIES,
    mediaConstraints: FACIA_MEDIA_CONSTRAINTS,
    secrets: () => [settings.hashId],

    async doCheckLiveness(request, ctx) {
      const warnings: Warning[] = [];
      startCall(ctx, warnings, request.providerOptions);
      if (request.media.kind !== 'image') {
        throw new FacegateError({
          code: 'unsupported_operation',
          message: `Facia checks one still image; ${request.media.kind} liveness is not supported`,
          provider: FACIA_PROVIDER_ID,
        });
      }
      if (request.challenge) {
        warnings.push({
          type: 'unsupported_option',
          message: 'Facia checks passive liveness on one image; the challenge was ignored',
        });
      }
      const selfie = request.media.image;
      if (!request.reference) warnings.push({ type: 'assumption', message: SELF_REFERENCE_WARNING });
      const answer = await processFace(deps, { selfie, document: request.reference ?? selfie }, 'checkLiveness', ctx);
      const observation: LivenessObservation = {
        verdict: answer.liveness.verdict,
        confidence: answer.liveness.confidence,
        reasons: flagReasons(answer),
        raw: answer.raw,
        warnings: [...warnings, ...answer.warnings],
      };
      if (request.reference) {
        observation.faceMatch = {
          similarity: answer.match.similarity,
          vendorIsMatch: answer.match.vendorIsMatch,
          reasons: flagReasons(answer),
        };
      }
      return observation;
    },

    async doCompareFaces(request, ctx) {
      const warnings: Warning[] = [];
      startCall(ctx, warnings, request.providerOptions);
      const answer = await processFace(deps, { selfie: request.source, document: request.target }, 'compareFaces', ctx);
      if (answer.liveness.verdict === 'spoof') {
        warnings.push({
          type: 'other',
          message:
            'Facia also judged the source image a spoof (is_live=0; see raw.body.liveness_result). compareFaces does not act on liveness: use checkLiveness with a reference to have the policy weigh both',
        });
      }
      const observation: MatchObservation = {
        similarity: answer.match.similarity,
        vendorIsMatch: answer.match.vendorIsMatch,
        reasons: flagReasons(answer),
        raw: answer.raw,
        warnings: [...warnings, ...answer.warnings],
      };
      return observation;
    },

    doCheckHealth(ctx) {
      return readiness.probe(ctx);
    },

    warmUp() {
      // Concurrent callers share one wait.
      warming ??= waitUntilReady(readiness, {
        timeoutMs: settings.warmUpTimeoutMs,
        pollMs: settings.warmUpPollMs,
        now,
        signal: closing.signal,
      }).finally(() => {
        warming = undefined;
      });
      return warming;
    },

    async close() {
      closing.abort();
      closing = new AbortController();
      readiness.invalidate();
    },
  };
}
