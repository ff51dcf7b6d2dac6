import type { EnvSource } from '../adapter-kit/settings';
import { createFacegate, type Facegate, type FacegateOptions } from '../client/facegate';
import { FacegateError } from '../errors/facegate-error';
import type { FaceProvider } from '../spec/face-provider';
import { type ConfigurationStatus, describeFromEnvVars, type ProviderFactory } from '../spec/provider-factory';
import { readFacegateEnv } from './env-config';

/** Loads a provider factory on demand, so unused vendor SDKs are never imported. */
// biome-ignore lint/suspicious/noExplicitAny: each factory has its own options type
export type ProviderLoader = () => Promise<ProviderFactory<any>>;

/** A plain configuration object: which providers, their options, thresholds, resilience. */
export interface FacegateConfig extends Omit<FacegateOptions, 'provider'> {
  /** Provider id, or ids in fallback order. */
  provider: string | readonly string[];
  /** Options per provider id, passed to each factory's `create`. */
  providerOptions?: Record<string, Record<string, unknown> | undefined>;
  /** Environment for settings the options leave out (default: `process.env`). */
  env?: EnvSource;
}

/** What `describe` reports per provider. */
export interface ProviderStatus extends ConfigurationStatus {
  id: string;
  displayName: string;
  capabilities: readonly string[];
  envVars: ProviderFactory['envVars'];
}

/** Builds providers and clients by id. */
export interface ProviderRegistry {
  /** Registered provider ids. */
  readonly ids: readonly string[];
  /** The factory for an id (throws `configuration_error` for an unknown id). */
  factory(id: string): Promise<ProviderFactory>;
  /** Build one provider. */
  createProvider(id: string, options?: Record<string, unknown>, env?: EnvSource): Promise<FaceProvider>;
  /** Build a client from a config object. */
  createFacegate(config: FacegateConfig): Promise<Facegate>;
  /** Build a client from `FACEGATE_*` variables and each vendor's own variables. */
  createFacegateFromEnv(env?: EnvSource, extra?: Omit<FacegateConfig, 'provider' | 'env'>): Promise<Facegate>;
  /** Which providers are configured in this environment and what each supports. */
  describe(env?: EnvSource): Promise<ProviderStatus[]>;
}

/** Loader for the built-in scenario provider (deterministic, for tests and demos). */
const builtInLoaders: Record<string, ProviderLoader> = {
  scenario: () => import('../scenario/scenario-provider-factory').then((m) => m.scenarioProviderFactory),
};

/**
 * Create a registry from loaders keyed by provider id. The scenario provider
 * is built in; apps add the adapters they ship, e.g.
 * `{ aws: () => import('@facegate/adapter-aws').then((m) => m.awsProviderFactory) }`.
 */
export function createProviderRegistry(loaders: Record<string, ProviderLoader>): ProviderRegistry {
  const all = { ...builtInLoaders, ...loaders };
  const processEnv = (): EnvSource => (typeof process === 'undefined' ? {} : process.env);

  async function factory(id: string): Promise<ProviderFactory> {
    const loader = all[id];
    if (!loader) {
      throw new FacegateError({
        code: 'configuration_error',
        message: `Unknown provider '${id}'; known providers: ${Object.keys(all).join(', ')}`,
        details: { provider: id },
      });
    }
    const loaded = await loader();
    if (loaded.id !== id)
      throw new FacegateError({
        code: 'configuration_error',
        message: `Loader for '${id}' returned the factory of '${loaded.id}'`,
      });
    return loaded;
  }

  async function createProvider(
    id: string,
    options?: Record<string, unknown>,
    env: EnvSource = processEnv(),
  ): Promise<FaceProvider> {
    return (await factory(id)).create(options, env);
  }

  async function createFromConfig(config: FacegateConfig): Promise<Facegate> {
    const ids = typeof config.provider === 'string' ? [config.provider] : [...config.provider];
    if (new Set(ids).size !== ids.length)
      throw new FacegateError({
        code: 'configuration_error',
        message: `Provider chain lists a provider twice: ${ids.join(', ')}`,
      });
    const env = config.env ?? processEnv();
    // Build every provider up front so a missing setting fails at start, not at the first request.
    const providers = await Promise.all(ids.map((id) => createProvider(id, config.providerOptions?.[id], env)));
    const { provider: _p, providerOptions: _o, env: _e, ...options } = config;
    return createFacegate({ ...options, provider: providers });
  }

  return {
    ids: Object.keys(all),
    factory,
    createProvider,
    createFacegate: createFromConfig,
    async createFacegateFromEnv(env = processEnv(), extra = {}) {
      const fromEnv = readFacegateEnv(env);
      return createFromConfig({
        ...extra,
        provider: [fromEnv.provider, ...fromEnv.fallback.filter((id) => id !== fromEnv.provider)],
        policy: { ...fromEnv.policy, ...extra.policy },
        resilience: { ...fromEnv.resilience, ...extra.resilience },
        env,
      });
    },
    async describe(env = processEnv()) {
      const out: ProviderStatus[] = [];
      for (const id of Object.keys(all)) {
        const f = await factory(id);
        const status = f.describeConfiguration ? f.describeConfiguration(env) : describeFromEnvVars(f, env);
        out.push({ id, displayName: f.displayName, capabilities: f.capabilities, envVars: f.envVars, ...status });
      }
      return out;
    },
  };
}
