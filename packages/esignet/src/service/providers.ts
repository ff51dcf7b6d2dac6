import {
  createFacegate,
  createProviderRegistry,
  DEFAULT_FRAME_CONSTRAINTS,
  type Facegate,
  FacegateError,
  type FaceProvider,
  type Logger,
  type ProviderLoader,
  providerLoaders,
  readFacegateEnv,
} from '@facegate/core';

/** Environment variables, as `process.env` holds them. */
type EnvSource = Record<string, string | undefined>;

/** Adapters the service can load (on demand: a vendor SDK is imported only when configured). */
export const PROVIDER_LOADERS: Record<string, ProviderLoader> = providerLoaders(
  (specifier) => import(/* @vite-ignore */ specifier),
);

/** The facegate client the verifier uses and the frame limits of its provider. */
export interface VerifierProvider {
  facegate: Facegate;
  frameLimits: { min: number; max: number };
}

/** Check a provider can judge eSignet's frames; the error says why not and what to use instead. */
export function requireFramesProvider(id: string, capabilities: readonly string[]): void {
  if (capabilities.includes('liveness.frames')) return;
  const shape = capabilities.includes('liveness.session')
    ? 'its liveness runs only in its own browser component streaming to the vendor (session liveness)'
    : capabilities.includes('liveness.image')
      ? 'it judges one still image, and a still frame cannot show a live person'
      : 'it offers no liveness check';
  throw new FacegateError({
    code: 'configuration_error',
    message: `FACEGATE_PROVIDER=${id} cannot verify eSignet signups: signup-ui sends webcam frames, but ${shape}. Use a provider with frame-sequence liveness (liveness.frames), e.g. FACEGATE_PROVIDER=local`,
    details: { provider: id, capabilities },
  });
}

/**
 * Build the client from `FACEGATE_*` (default provider: the offline engine).
 * Every provider in the chain must check frame sequences: a session-only or
 * image-only vendor is refused here, at start-up, before its credentials are
 * even looked at. Extra providers (tests) can be passed as `providers`.
 */
export async function createVerifierProvider(
  env: EnvSource,
  logger: Logger,
  providers?: readonly FaceProvider[],
): Promise<VerifierProvider> {
  let chain: readonly FaceProvider[];
  if (providers) {
    for (const p of providers) requireFramesProvider(p.provider, p.capabilities);
    chain = providers;
  } else {
    const registry = createProviderRegistry(PROVIDER_LOADERS);
    const config = readFacegateEnv(env, 'local');
    const ids = [config.provider, ...config.fallback.filter((id) => id !== config.provider)];
    for (const id of ids) requireFramesProvider(id, (await registry.factory(id)).capabilities);
    chain = await Promise.all(ids.map((id) => registry.createProvider(id, undefined, env)));
    const facegate = createFacegate({ provider: chain, policy: config.policy, resilience: config.resilience, logger });
    return { facegate, frameLimits: limitsOf(chain) };
  }
  return { facegate: createFacegate({ provider: chain, logger }), frameLimits: limitsOf(chain) };
}

/** The tightest frame limits across the chain (any provider may end up answering). */
function limitsOf(chain: readonly FaceProvider[]): { min: number; max: number } {
  const all = chain.map((p) => p.mediaConstraints.frames ?? DEFAULT_FRAME_CONSTRAINTS);
  return { min: Math.max(...all.map((f) => f.minFrames)), max: Math.min(...all.map((f) => f.maxFrames)) };
}
