import {
  type Capability,
  createFacegate,
  createProviderRegistry,
  type Facegate,
  FacegateError,
  type PolicyConfig,
  type PolicyOverrides,
  type ProviderLoader,
  readFacegateEnv,
  resolvePolicy,
  supports,
  type Warning,
} from '@facegate/core';
import type { ProviderFactory } from '@facegate/core/spec';
import { CliError } from '../cli-error';
import type { CliIo, Progress } from '../output/cli-io';
import type { FaceTemplateStore } from '../template-store/face-template-store';
import { DEFAULT_PROVIDER, findProviderPackage, type ProviderPackage } from './provider-packages';

/** What a command needs to open a client. */
export interface OpenOptions {
  io: CliIo;
  progress: Progress;
  table: readonly ProviderPackage[];
  /** `--provider`, when given. */
  provider: string | undefined;
  /** The capability the command needs; checked before credentials are read. */
  needs: Capability;
  /** What the command is called in messages, e.g. `liveness on a video`. */
  operation: string;
  /** Threshold overrides from the command line, given the effective policy without them. */
  policy?: (base: PolicyConfig) => PolicyOverrides;
  /** Opens a persistent gallery (`--store`); called only for providers that accept one. */
  templateStore?: () => Promise<FaceTemplateStore>;
}

/** An open client on one provider. */
export interface OpenFacegate {
  readonly facegate: Facegate;
  readonly providerId: string;
  readonly entry: ProviderPackage;
  readonly policy: PolicyConfig;
  /** Notes about the command line to add to the result (e.g. an ignored option). */
  readonly warnings: Warning[];
}

/** Turn the table into registry loaders (the scenario provider is built into the registry). */
export function registryLoaders(table: readonly ProviderPackage[]): Record<string, ProviderLoader> {
  return Object.fromEntries(table.map((p) => [p.id, p.load]));
}

/**
 * Choose the provider (`--provider`, else `FACEGATE_PROVIDER`, else
 * `local`), load its adapter, check it can do the operation, build it from
 * the environment, apply `FACEGATE_*` thresholds and the command's
 * overrides, and load models with progress on stderr.
 */
export async function openFacegate(options: OpenOptions): Promise<OpenFacegate> {
  const { io, progress } = options;
  const envConfig = readFacegateEnv(options.io.env, DEFAULT_PROVIDER);
  const id = options.provider ?? envConfig.provider;
  const entry = findProviderPackage(id, options.table);
  const registry = createProviderRegistry(registryLoaders(options.table));
  const factory = await registry.factory(id);
  checkCapability(factory, options.needs, options.operation);

  const warnings: Warning[] = [];
  const providerOptions: Record<string, unknown> = {};
  if (options.templateStore) {
    if (entry.acceptsTemplateStore) providerOptions.templateStore = await options.templateStore();
    else {
      const message = `--store is ignored: ${id} keeps its collections itself`;
      warnings.push({ type: 'unsupported_option', message });
      progress.warn(message);
    }
  }
  const provider = await registry.createProvider(
    id,
    Object.keys(providerOptions).length > 0 ? providerOptions : undefined,
    io.env,
  );
  const base = resolvePolicy(provider.policyDefaults, envConfig.policy);
  const overrides = options.policy?.(base) ?? {};
  const layered: PolicyOverrides = {
    ...envConfig.policy,
    liveness: { ...envConfig.policy.liveness, ...overrides.liveness },
    match: { ...envConfig.policy.match, ...overrides.match },
    duplicate: { ...envConfig.policy.duplicate, ...overrides.duplicate },
  };
  const facegate = createFacegate({ provider, policy: layered, resilience: envConfig.resilience });
  if (entry.loadsModels) {
    const started = Date.now();
    progress.note(`loading ${id} models…`);
    await facegate.warmUp();
    progress.note(`${id} models ready (${((Date.now() - started) / 1000).toFixed(1)} s, loaded once for this process)`);
  } else {
    await facegate.warmUp();
  }
  return { facegate, providerId: id, entry, policy: facegate.policyFor(id), warnings };
}

/**
 * Refuse early, before credentials are needed, when the provider cannot do
 * the operation; session-only liveness vendors get the browser explanation.
 */
function checkCapability(factory: ProviderFactory, needs: Capability, operation: string): void {
  if (supports(factory.capabilities, needs)) return;
  const mediaLiveness = factory.capabilities.filter((c) => c.startsWith('liveness.') && c !== 'liveness.session');
  if (needs.startsWith('liveness.') && mediaLiveness.length === 0 && supports(factory.capabilities, 'liveness.session'))
    throw new CliError(
      'session_only_provider',
      `${factory.id} does liveness only as a session: the vendor's own browser component films the user and the result is fetched by session id, so it cannot check files. Try it in the signup example (examples/signup-server with signup-web), or pick a provider that checks media files (see \`facegate providers\`)`,
    );
  const offered = factory.capabilities.join(', ') || 'nothing';
  throw new FacegateError({
    code: 'unsupported_operation',
    message: `${factory.id} does not support ${operation} (needs capability '${needs}'; it offers: ${offered})`,
    provider: factory.id,
  });
}
