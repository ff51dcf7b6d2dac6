import type { ProviderLoader } from './provider-registry';

/** One provider facegate knows: where its adapter lives and what it reads. */
export interface ProviderTableEntry {
  /** Provider id, as in `FACEGATE_PROVIDER` and `--provider`. */
  readonly id: string;
  /** The npm package of the adapter, or null when it is built into `@facegate/core`. */
  readonly packageName: string | null;
  /** The module to import (the package, or a core entry). */
  readonly specifier: string;
  /** The export of that module holding the provider factory. */
  readonly factoryExport: string;
  /** Environment variables the adapter reads (its factory's `envVars`, by name; a test keeps them equal). */
  readonly envVars: readonly string[];
  /** Its 1:N gallery lives in process memory unless a `templateStore` is given. */
  readonly inProcessGallery: boolean;
  /** It accepts a `templateStore` option (a persistent gallery). */
  readonly acceptsTemplateStore: boolean;
  /** Warming it up loads models from disk. */
  readonly loadsModels: boolean;
}

type Traits = Partial<Pick<ProviderTableEntry, 'inProcessGallery' | 'acceptsTemplateStore' | 'loadsModels'>>;

function adapter(
  id: string,
  factoryExport: string,
  envVars: readonly string[],
  traits: Traits = {},
): ProviderTableEntry {
  const packageName = `@facegate/adapter-${id}`;
  return {
    id,
    packageName,
    specifier: packageName,
    factoryExport,
    envVars,
    inProcessGallery: traits.inProcessGallery ?? false,
    acceptsTemplateStore: traits.acceptsTemplateStore ?? false,
    loadsModels: traits.loadsModels ?? false,
  };
}

/**
 * Every provider facegate ships, in one place: the CLI, the example server,
 * the eSignet service and the `FACEGATE_PROVIDER` description read it. Adding
 * an adapter means one row here.
 */
export const PROVIDER_TABLE: readonly ProviderTableEntry[] = [
  adapter('local', 'localProviderFactory', [], {
    inProcessGallery: true,
    acceptsTemplateStore: true,
    loadsModels: true,
  }),
  adapter('aws', 'awsProviderFactory', [
    'AWS_REGION',
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'FACEGATE_AWS_LIVENESS_BUCKET',
    'FACEGATE_AWS_LIVENESS_KEY_PREFIX',
    'FACEGATE_AWS_AUDIT_IMAGES_LIMIT',
    'FACEGATE_AWS_STREAMING_ENDPOINT',
    'FACEGATE_AWS_BROWSER_ROLE_ARN',
    'FACEGATE_AWS_IDENTITY_POOL_ID',
  ]),
  adapter('azure', 'azureProviderFactory', ['AZURE_FACE_ENDPOINT', 'AZURE_FACE_API_KEY', 'AZURE_FACE_API_VERSION']),
  adapter('decentro', 'decentroProviderFactory', [
    'DECENTRO_CLIENT_ID',
    'DECENTRO_CLIENT_SECRET',
    'DECENTRO_MODULE_SECRET',
    'DECENTRO_CONSENT_PURPOSE',
    'DECENTRO_CONSENT',
    'DECENTRO_BASE_URL',
  ]),
  adapter('facia', 'faciaProviderFactory', ['FACIA_BASE_URL', 'FACIA_HASH_ID']),
  {
    id: 'scenario',
    packageName: null,
    specifier: '@facegate/core/scenario',
    factoryExport: 'scenarioProviderFactory',
    envVars: ['FACEGATE_SCENARIO', 'FACEGATE_SCENARIO_LATENCY_MS'],
    inProcessGallery: true,
    acceptsTemplateStore: false,
    loadsModels: false,
  },
];

/** The ids of {@link PROVIDER_TABLE}, in its order. */
export const PROVIDER_IDS: readonly string[] = PROVIDER_TABLE.map((entry) => entry.id);

/**
 * Imports a module for the table. Passed by the app (`(s) => import(s)`) so the
 * import resolves from the app's own dependencies, not from core's.
 */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

/** The ids of the rows that are adapter packages (the registry has the scenario provider built in). */
export const ADAPTER_PROVIDER_IDS: readonly string[] = PROVIDER_TABLE.filter((entry) => entry.packageName !== null).map(
  (entry) => entry.id,
);

/**
 * Loaders for `createProviderRegistry`, one per adapter row (or per id given):
 * a vendor SDK is imported only when its provider is used.
 */
export function providerLoaders(
  importer: ModuleImporter,
  ids: readonly string[] = ADAPTER_PROVIDER_IDS,
): Record<string, ProviderLoader> {
  const loaders: Record<string, ProviderLoader> = {};
  for (const entry of PROVIDER_TABLE) {
    if (!ids.includes(entry.id)) continue;
    loaders[entry.id] = async () => {
      const mod = (await importer(entry.specifier)) as Record<string, unknown>;
      const factory = mod[entry.factoryExport];
      if (!factory) throw new Error(`${entry.specifier} exports no ${entry.factoryExport}`);
      return factory as Awaited<ReturnType<ProviderLoader>>;
    };
  }
  return loaders;
}
