import type { z } from 'zod';
import type { FacegateErrorCode } from '../errors/error-codes';
import { FacegateError } from '../errors/facegate-error';
import { createScrubber } from '../errors/scrubber';
import { type Logger, safeLogger, silentLogger } from '../logging/logger';
import type { ValidatedMedia } from '../media/media-input';
import { type PolicyConfig, type PolicyOverrides, resolvePolicy } from '../policy/policy-config';
import { type ResilienceOptions, resolveResilience } from '../resilience/resilience-options';
import { runWithResilience } from '../resilience/run-with-resilience';
import type { Warning } from '../results/common';
import { type FaceMatchResult, matchObservationSchema } from '../results/face-match';
import {
  type FaceSearchResult,
  type IndexedFace,
  indexedFaceSchema,
  type RemovedFaces,
  removedFacesSchema,
  searchObservationSchema,
} from '../results/face-search';
import { type LivenessResult, livenessObservationSchema } from '../results/liveness';
import {
  type LivenessSession,
  livenessSessionObservationSchema,
  sessionResultObservationSchema,
} from '../results/liveness-session';
import { type QualityReport, qualityObservationSchema } from '../results/quality';
import { type Capability, supports } from '../spec/capabilities';
import { type CallContext, type FaceProvider, SPECIFICATION_VERSION } from '../spec/face-provider';
import type {
  AnalyzeQualityRequest,
  CompareFacesRequest,
  CreateLivenessSessionRequest,
  EnsureCollectionRequest,
  HealthStatus,
  IndexFaceRequest,
  LivenessSessionResultRequest,
  MediaLivenessRequest,
  RemoveFacesRequest,
  SearchFacesRequest,
} from '../spec/requests';
import {
  composeLivenessResult,
  composeMatchResult,
  composeQualityReport,
  composeSearchResult,
} from './compose-results';
import { checkImage, checkLivenessMedia, checkRequest, mediaOf, requestSchemas } from './request-checks';
import { createMemorySessionStore, type LivenessSessionStore } from './session-store';

/** Options for {@link createFacegate}. */
export interface FacegateOptions {
  /** One provider, or a fallback chain: the first answers unless it is unavailable. */
  provider: FaceProvider | readonly FaceProvider[];
  /** Threshold overrides, layered over each provider's defaults. */
  policy?: PolicyOverrides;
  /** Timeouts and retries. */
  resilience?: Partial<ResilienceOptions>;
  /** pino-compatible logger; every line is scrubbed (of the providers' declared secrets too). */
  logger?: Logger;
  /** Where session expiry and results are kept (default: in memory). */
  sessionStore?: LivenessSessionStore;
  /** How long a session's first result is kept for repeat reads, in ms (default 1 h). */
  sessionResultTtlMs?: number;
  /** Errors that move a call to the next provider in the chain (default: provider_unavailable, timeout). */
  fallbackOn?: readonly FacegateErrorCode[];
}

/** Per-call options. */
export interface CallOptions {
  /** Cancel the call. */
  signal?: AbortSignal;
}

/** A session result: still `pending`, or `complete` with the policy-applied result. */
export type LivenessSessionOutcome =
  | { status: 'pending'; provider: string; sessionId: string }
  | { status: 'complete'; result: LivenessResult };

/** The facegate client: validated input, timeouts, retries, fallback and the threshold policy around providers. */
export interface Facegate {
  /** Provider ids in chain order. */
  readonly providerIds: readonly string[];
  /** Operations at least one provider in the chain supports. */
  readonly capabilities: readonly Capability[];
  /** The effective policy for a provider (its defaults plus the app's overrides). */
  policyFor(provider: string): PolicyConfig;
  /** Media-shape liveness: an image, a clip, or frames answering a challenge. */
  checkLiveness(request: MediaLivenessRequest, options?: CallOptions): Promise<LivenessResult>;
  /** Session-shape liveness: create a session for the vendor's browser component. */
  createLivenessSession(request?: CreateLivenessSessionRequest, options?: CallOptions): Promise<LivenessSession>;
  /**
   * Fetch a session's result. The first complete result is stored; later reads
   * return that same result with `session.reused: true`, never a fresh verdict.
   * A session still pending after its expiry is `session_expired`.
   */
  getLivenessSessionResult(
    request: LivenessSessionResultRequest & { provider?: string },
    options?: CallOptions,
  ): Promise<LivenessSessionOutcome>;
  /** 1:1 comparison with the match policy applied. */
  compareFaces(request: CompareFacesRequest, options?: CallOptions): Promise<FaceMatchResult>;
  /** Create a collection if it does not exist. */
  ensureCollection(request: EnsureCollectionRequest, options?: CallOptions): Promise<void>;
  /** Add a face to a collection. */
  indexFace(request: IndexFaceRequest, options?: CallOptions): Promise<IndexedFace & { provider: string }>;
  /** 1:N search with the duplicate policy applied (`pass` = unique). */
  searchFaces(request: SearchFacesRequest, options?: CallOptions): Promise<FaceSearchResult>;
  /** Remove faces from a collection. */
  removeFaces(request: RemoveFacesRequest, options?: CallOptions): Promise<RemovedFaces & { provider: string }>;
  /** Quality feedback for one frame. */
  analyzeQuality(request: AnalyzeQualityRequest, options?: CallOptions): Promise<QualityReport>;
  /** Readiness of the primary provider (providers without a probe report `ready`). */
  checkHealth(options?: CallOptions): Promise<HealthStatus & { provider: string }>;
  /** Load models / open connections for every provider in the chain. */
  warmUp(): Promise<void>;
  /** Release every provider's resources. */
  close(): Promise<void>;
}

const DEFAULT_FALLBACK_ON: readonly FacegateErrorCode[] = ['provider_unavailable', 'timeout'];
type Method = keyof FaceProvider & string;

/** Build a facegate client around one provider or a fallback chain. */
export function createFacegate(options: FacegateOptions): Facegate {
  const providers: readonly FaceProvider[] = Array.isArray(options.provider)
    ? options.provider
    : [options.provider as FaceProvider];
  if (providers.length === 0)
    throw new FacegateError({ code: 'configuration_error', message: 'createFacegate needs at least one provider' });
  for (const p of providers) {
    if (p.specificationVersion !== SPECIFICATION_VERSION) {
      throw new FacegateError({
        code: 'configuration_error',
        message: `Provider ${p.provider} implements spec ${String(p.specificationVersion)}; this @facegate/core supports ${SPECIFICATION_VERSION} only (v2 renamed the provider methods to do…, e.g. compareFaces → doCompareFaces) — align the adapter and core versions`,
        provider: p.provider,
      });
    }
  }
  const policies = new Map(providers.map((p) => [p.provider, resolvePolicy(p.policyDefaults, options.policy)]));
  const resilience = resolveResilience(options.resilience);
  // One scrubber per client, from what its providers declare: another client's
  // secrets never enter it, and a second installed copy of core sees the same.
  const scrubber = createScrubber(providers.flatMap((p) => p.secrets?.() ?? []));
  const logger = safeLogger(options.logger ?? silentLogger, scrubber);
  const store = options.sessionStore ?? createMemorySessionStore();
  const resultTtlMs = options.sessionResultTtlMs ?? 3_600_000;
  const fallbackOn = new Set(options.fallbackOn ?? DEFAULT_FALLBACK_ON);
  const primary = providers[0] as FaceProvider;

  const policyFor = (id: string): PolicyConfig => {
    const policy = policies.get(id);
    if (!policy) throw new FacegateError({ code: 'configuration_error', message: `No provider ${id} in this client` });
    return policy;
  };

  /** Call one adapter method under timeout + retries and check what it returns. */
  async function invoke<S extends z.ZodType>(
    provider: FaceProvider,
    operation: string,
    schema: S,
    call: (ctx: CallContext) => Promise<unknown>,
    signal?: AbortSignal,
  ): Promise<z.infer<S>> {
    const label = { provider: provider.provider, operation };
    const value = await runWithResilience(
      (s, attempt) => call({ signal: s, logger, attempt }),
      resilience,
      label,
      logger,
      signal,
    );
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      logger.error(
        { ...label, paths: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')) },
        'adapter returned an invalid observation',
      );
      throw new FacegateError({
        code: 'provider_error',
        message: `${provider.provider} ${operation}: the adapter returned an invalid result`,
        provider: provider.provider,
      });
    }
    return parsed.data;
  }

  function unsupported(operation: string, capability: Capability): FacegateError {
    return new FacegateError({
      code: 'unsupported_operation',
      message: `${operation} needs capability '${capability}', which ${providers.map((p) => p.provider).join(', ')} does not offer`,
      provider: providers.length === 1 ? primary.provider : undefined,
      details: { operation, capability },
    });
  }

  function candidates(capability: Capability, method: Method, operation: string): FaceProvider[] {
    const found = providers.filter((p) => supports(p.capabilities, capability) && typeof p[method] === 'function');
    if (found.length === 0) throw unsupported(operation, capability);
    return found;
  }

  /**
   * Try each capable provider in order, moving on only for `fallbackOn`
   * errors. Input errors never fall through: every provider would refuse them.
   */
  async function throughChain<T extends { warnings: Warning[] }>(
    capability: Capability,
    method: Method,
    operation: string,
    run: (p: FaceProvider) => Promise<T>,
  ): Promise<T> {
    const list = candidates(capability, method, operation);
    const skipped: string[] = [];
    for (let i = 0; ; i++) {
      const provider = list[i] as FaceProvider;
      try {
        const result = await run(provider);
        if (skipped.length > 0)
          result.warnings.push({
            type: 'fallback',
            message: `answered by ${provider.provider} after ${skipped.join(', ')} failed`,
          });
        return result;
      } catch (error) {
        const next = list[i + 1];
        if (!next || !FacegateError.isInstance(error) || !fallbackOn.has(error.code)) throw error;
        logger.warn(
          { operation, from: provider.provider, to: next.provider, code: error.code },
          'falling back to the next provider',
        );
        skipped.push(`${provider.provider} (${error.code})`);
      }
    }
  }

  function mediaWarnings(media: ValidatedMedia[]): Warning[] {
    return media.some((m) => m.mislabelled)
      ? [
          {
            type: 'mislabelled_media',
            message: 'a file was named or typed as a different format than its bytes; its real format was used',
          },
        ]
      : [];
  }

  const single = <T>(
    capability: Capability,
    method: Method,
    operation: string,
    run: (p: FaceProvider) => Promise<T>,
  ): Promise<T> => run(candidates(capability, method, operation)[0] as FaceProvider);

  const sessionKey = (provider: string, sessionId: string) => `${provider}:${sessionId}`;

  /** Everything leaving the client (results, thrown errors) goes out without the providers' secrets. */
  const exit =
    <A extends unknown[], R>(run: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return scrubber.strings(await run(...args));
      } catch (error) {
        throw scrubber.error(error);
      }
    };

  return {
    providerIds: providers.map((p) => p.provider),
    capabilities: [...new Set(providers.flatMap((p) => p.capabilities))],
    policyFor,

    checkLiveness: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.mediaLiveness, request, 'checkLiveness') as MediaLivenessRequest;
      const capability: Capability = `liveness.${req.media.kind}`;
      if (req.reference && !providers.some((p) => supports(p.capabilities, 'liveness.reference')))
        throw unsupported('checkLiveness with a reference', 'liveness.reference');
      return throughChain(capability, 'doCheckLiveness', 'checkLiveness', async (p) => {
        if (req.reference && !supports(p.capabilities, 'liveness.reference'))
          throw unsupported('checkLiveness with a reference', 'liveness.reference');
        const validated: MediaLivenessRequest<ValidatedMedia> = {
          ...req,
          media: checkLivenessMedia(req.media, p.mediaConstraints),
          reference: req.reference ? checkImage(req.reference, p.mediaConstraints, 'reference') : undefined,
        };
        const obs = await invoke(
          p,
          'checkLiveness',
          livenessObservationSchema,
          (ctx) => (p.doCheckLiveness as NonNullable<FaceProvider['doCheckLiveness']>)(validated, ctx),
          callOptions?.signal,
        );
        return composeLivenessResult(p.provider, obs, policyFor(p.provider), mediaWarnings(mediaOf(validated)));
      });
    }),

    createLivenessSession: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.createSession, request ?? {}, 'createLivenessSession') ?? {};
      return throughChain('liveness.session', 'doCreateLivenessSession', 'createLivenessSession', async (p) => {
        if (req.reference && !supports(p.capabilities, 'liveness.reference'))
          throw unsupported('createLivenessSession with a reference', 'liveness.reference');
        const validated: CreateLivenessSessionRequest<ValidatedMedia> = {
          ...req,
          reference: req.reference ? checkImage(req.reference, p.mediaConstraints, 'reference') : undefined,
        };
        const obs = await invoke(
          p,
          'createLivenessSession',
          livenessSessionObservationSchema,
          (ctx) => (p.doCreateLivenessSession as NonNullable<FaceProvider['doCreateLivenessSession']>)(validated, ctx),
          callOptions?.signal,
        );
        await store.set(
          sessionKey(p.provider, obs.sessionId),
          { provider: p.provider, sessionId: obs.sessionId, expiresAt: obs.expiresAt },
          Math.max(resultTtlMs, Date.parse(obs.expiresAt) - Date.now() + resultTtlMs),
        );
        return { ...obs, provider: p.provider };
      });
    }),

    getLivenessSessionResult: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.sessionResult, request, 'getLivenessSessionResult');
      const p = req.provider ? providers.find((x) => x.provider === req.provider) : primary;
      if (!p)
        throw new FacegateError({
          code: 'invalid_input',
          message: `getLivenessSessionResult: no provider ${req.provider} in this client`,
          details: { provider: req.provider },
        });
      if (!supports(p.capabilities, 'liveness.session') || typeof p.doGetLivenessSessionResult !== 'function')
        throw unsupported('getLivenessSessionResult', 'liveness.session');
      const key = sessionKey(p.provider, req.sessionId);
      const stored = await store.get(key);
      if (stored?.result)
        return { status: 'complete', result: { ...stored.result, session: { id: req.sessionId, reused: true } } };
      const obs = await invoke(
        p,
        'getLivenessSessionResult',
        sessionResultObservationSchema,
        (ctx) =>
          (p.doGetLivenessSessionResult as NonNullable<FaceProvider['doGetLivenessSessionResult']>)(
            { sessionId: req.sessionId, clientReport: req.clientReport, providerOptions: req.providerOptions },
            ctx,
          ),
        callOptions?.signal,
      );
      if (obs.status === 'pending') {
        if (stored && Date.parse(stored.expiresAt) < Date.now()) {
          throw new FacegateError({
            code: 'session_expired',
            message: `Liveness session expired at ${stored.expiresAt} before a capture completed`,
            provider: p.provider,
          });
        }
        return { status: 'pending', provider: p.provider, sessionId: req.sessionId };
      }
      const result = scrubber.strings(composeLivenessResult(p.provider, obs.observation, policyFor(p.provider), []));
      result.session = { id: req.sessionId, reused: false };
      await store.set(
        key,
        {
          provider: p.provider,
          sessionId: req.sessionId,
          expiresAt: stored?.expiresAt ?? new Date().toISOString(),
          result,
        },
        resultTtlMs,
      );
      return { status: 'complete', result };
    }),

    compareFaces: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.compare, request, 'compareFaces') as CompareFacesRequest;
      return throughChain('match', 'doCompareFaces', 'compareFaces', async (p) => {
        const validated = {
          ...req,
          source: checkImage(req.source, p.mediaConstraints, 'source'),
          target: checkImage(req.target, p.mediaConstraints, 'target'),
        };
        const obs = await invoke(
          p,
          'compareFaces',
          matchObservationSchema,
          (ctx) => (p.doCompareFaces as NonNullable<FaceProvider['doCompareFaces']>)(validated, ctx),
          callOptions?.signal,
        );
        return composeMatchResult(
          p.provider,
          obs,
          policyFor(p.provider),
          mediaWarnings([validated.source, validated.target]),
        );
      });
    }),

    // Search operations never fall back: another provider holds another gallery,
    // and searching the wrong one would call a duplicate unique.
    ensureCollection: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.ensureCollection, request, 'ensureCollection');
      await single('search', 'doEnsureCollection', 'ensureCollection', (p) =>
        runWithResilience(
          (signal, attempt) =>
            (p.doEnsureCollection as NonNullable<FaceProvider['doEnsureCollection']>)(req, { signal, logger, attempt }),
          resilience,
          { provider: p.provider, operation: 'ensureCollection' },
          logger,
          callOptions?.signal,
        ),
      );
    }),

    indexFace: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.index, request, 'indexFace') as IndexFaceRequest;
      return single('search', 'doIndexFace', 'indexFace', async (p) => {
        const validated = { ...req, image: checkImage(req.image, p.mediaConstraints, 'image') };
        const obs = await invoke(
          p,
          'indexFace',
          indexedFaceSchema,
          (ctx) => (p.doIndexFace as NonNullable<FaceProvider['doIndexFace']>)(validated, ctx),
          callOptions?.signal,
        );
        return { ...obs, provider: p.provider };
      });
    }),

    searchFaces: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.search, request, 'searchFaces') as SearchFacesRequest;
      return single('search', 'doSearchFaces', 'searchFaces', async (p) => {
        const policy = policyFor(p.provider);
        const validated = {
          ...req,
          image: checkImage(req.image, p.mediaConstraints, 'image'),
          maxResults: req.maxResults ?? 5,
          minSimilarity: req.minSimilarity ?? policy.duplicate.reviewAt,
        };
        const obs = await invoke(
          p,
          'searchFaces',
          searchObservationSchema,
          (ctx) => (p.doSearchFaces as NonNullable<FaceProvider['doSearchFaces']>)(validated, ctx),
          callOptions?.signal,
        );
        return composeSearchResult(p.provider, obs, policy, mediaWarnings([validated.image]));
      });
    }),

    removeFaces: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.remove, request, 'removeFaces');
      return single('search', 'doRemoveFaces', 'removeFaces', async (p) => {
        const obs = await invoke(
          p,
          'removeFaces',
          removedFacesSchema,
          (ctx) => (p.doRemoveFaces as NonNullable<FaceProvider['doRemoveFaces']>)(req, ctx),
          callOptions?.signal,
        );
        return { ...obs, provider: p.provider };
      });
    }),

    analyzeQuality: exit(async (request, callOptions) => {
      const req = checkRequest(requestSchemas.quality, request, 'analyzeQuality') as AnalyzeQualityRequest;
      return throughChain('quality', 'doAnalyzeQuality', 'analyzeQuality', async (p) => {
        const validated = { ...req, image: checkImage(req.image, p.mediaConstraints, 'image') };
        const obs = await invoke(
          p,
          'analyzeQuality',
          qualityObservationSchema,
          (ctx) => (p.doAnalyzeQuality as NonNullable<FaceProvider['doAnalyzeQuality']>)(validated, ctx),
          callOptions?.signal,
        );
        return composeQualityReport(p.provider, obs, mediaWarnings([validated.image]));
      });
    }),

    checkHealth: exit(async (callOptions) => {
      if (!supports(primary.capabilities, 'health') || typeof primary.doCheckHealth !== 'function')
        return { status: 'ready', provider: primary.provider };
      try {
        const health = await runWithResilience(
          (signal, attempt) =>
            (primary.doCheckHealth as NonNullable<FaceProvider['doCheckHealth']>)({ signal, logger, attempt }),
          { ...resilience, maxRetries: 0 },
          { provider: primary.provider, operation: 'checkHealth' },
          logger,
          callOptions?.signal,
        );
        return { ...health, provider: primary.provider };
      } catch (error) {
        const code = FacegateError.isInstance(error) ? error.code : 'provider_error';
        return { status: 'down', detail: code, provider: primary.provider };
      }
    }),

    warmUp: exit(async () => {
      for (const p of providers) await p.warmUp?.();
    }),

    close: exit(async () => {
      for (const p of providers) await p.close?.();
    }),
  };
}
