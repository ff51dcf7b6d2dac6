import type { FaceTemplateStore } from '@facegate/adapter-local';
import {
  type Capability,
  createProviderRegistry,
  type Facegate,
  type Logger,
  type ProviderLoader,
  providerLoaders,
} from '@facegate/core';

/** How the browser takes part in liveness, from the verification provider's capabilities. */
export type LivenessShape = 'frames' | 'image' | 'session';

/** The facegate clients the signup flow uses. */
export interface FlowProviders {
  /** Liveness and face match. */
  verification: Facegate;
  /** 1:N duplicate search (the verification provider when it can, else the assist provider). */
  search: Facegate;
  /** Finding the face on the ID document (needs `quality`). */
  documents: Facegate;
  livenessShape: LivenessShape;
}

/**
 * Adapters the server can load, by provider id. Loaded on demand, so a vendor
 * SDK is imported only when that vendor is configured.
 */
export const PROVIDER_LOADERS: Record<string, ProviderLoader> = providerLoaders(
  (specifier) => import(/* @vite-ignore */ specifier),
);

/** Pick the liveness shape: an active challenge when possible, else the vendor's session, else one image. */
export function livenessShapeOf(capabilities: readonly Capability[]): LivenessShape {
  if (capabilities.includes('liveness.frames')) return 'frames';
  if (capabilities.includes('liveness.session')) return 'session';
  if (capabilities.includes('liveness.image')) return 'image';
  throw new Error(
    'The configured provider offers no liveness check (liveness.frames, liveness.session or liveness.image)',
  );
}

/** Assemble the flow's clients from prebuilt facegate clients. */
export function assembleFlowProviders(verification: Facegate, assist: Facegate): FlowProviders {
  const capable = (c: Capability) => (verification.capabilities.includes(c) ? verification : assist);
  return {
    verification,
    search: capable('search'),
    documents: capable('quality'),
    livenessShape: livenessShapeOf(verification.capabilities),
  };
}

/** What the server hands to the providers it builds. */
export interface FlowProviderOptions {
  /** Where the offline engine keeps face templates (the server's database). */
  templateStore?: FaceTemplateStore;
}

/**
 * Build the flow's clients from the environment: `FACEGATE_PROVIDER` (+
 * fallback, thresholds) for verification, and `FACEGATE_ASSIST_PROVIDER` for
 * what the verification provider cannot do (duplicate search, document face
 * finding) — by default the local engine, or the scenario provider when
 * verification is the scenario provider. Fails at start, naming what is
 * missing, when a vendor's settings are absent.
 */
export async function createFlowProviders(
  env: Record<string, string | undefined>,
  logger: Logger,
  defaultProvider: string,
  options: FlowProviderOptions = {},
): Promise<FlowProviders> {
  const registry = createProviderRegistry(PROVIDER_LOADERS);
  const withDefault = { ...env, FACEGATE_PROVIDER: env.FACEGATE_PROVIDER || defaultProvider };
  const providerOptions = options.templateStore ? { local: { templateStore: options.templateStore } } : undefined;
  const verification = await registry.createFacegateFromEnv(withDefault, { logger, providerOptions });
  const assistId = env.FACEGATE_ASSIST_PROVIDER || (verification.providerIds[0] === 'scenario' ? 'scenario' : 'local');
  const needsAssist = !verification.capabilities.includes('search') || !verification.capabilities.includes('quality');
  const assist = needsAssist
    ? await registry.createFacegate({ provider: assistId, env, logger, providerOptions })
    : verification;
  return assembleFlowProviders(verification, assist);
}
