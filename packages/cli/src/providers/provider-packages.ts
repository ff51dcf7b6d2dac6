import { PROVIDER_TABLE } from '@facegate/core';
import type { ProviderFactory } from '@facegate/core/spec';
import { CliError } from '../cli-error';

/** How the CLI finds and treats one provider. */
export interface ProviderPackage {
  /** Provider id, as in `--provider` and `FACEGATE_PROVIDER`. */
  readonly id: string;
  /** The npm package that holds the adapter, or null when it is built into `@facegate/core`. */
  readonly packageName: string | null;
  /** Its 1:N gallery lives in process memory, so it starts empty on every CLI run. */
  readonly inProcessGallery: boolean;
  /** It accepts a `templateStore` option, so `--store DIR` can persist its gallery. */
  readonly acceptsTemplateStore: boolean;
  /** Warming it up loads models from disk (the CLI shows progress). */
  readonly loadsModels: boolean;
  /** Import the adapter and return its factory. Throws a {@link CliError} when it is not installed. */
  load(): Promise<ProviderFactory>;
}

/** The default provider when neither `--provider` nor `FACEGATE_PROVIDER` names one. */
export const DEFAULT_PROVIDER = 'local';

/**
 * The loader table, from core's provider table: every provider the CLI knows,
 * loaded lazily by dynamic import so that only the chosen adapter (and its
 * vendor SDK) is ever loaded, and a missing optional package is a clear
 * "install it" message.
 */
export const PROVIDER_PACKAGES: readonly ProviderPackage[] = PROVIDER_TABLE.map((entry) => ({
  id: entry.id,
  packageName: entry.packageName,
  inProcessGallery: entry.inProcessGallery,
  acceptsTemplateStore: entry.acceptsTemplateStore,
  loadsModels: entry.loadsModels,
  load: () =>
    importFactory(entry.id, entry.specifier, entry.factoryExport, (specifier) => import(/* @vite-ignore */ specifier)),
}));

/**
 * Import `packageName` and take its `exportName` factory. Exported for tests,
 * which pass their own `importer`.
 */
export async function importFactory(
  id: string,
  packageName: string,
  exportName: string,
  importer: (specifier: string) => Promise<unknown>,
): Promise<ProviderFactory> {
  let mod: unknown;
  try {
    mod = await importer(packageName);
  } catch (error) {
    if (isMissingPackage(error, packageName)) {
      throw new CliError(
        'adapter_not_installed',
        `provider '${id}' needs ${packageName}, which is not installed: run \`npm install ${packageName}\` next to @facegate/cli`,
        { cause: error },
      );
    }
    throw new CliError(
      'adapter_load_failed',
      `${packageName} is installed but failed to load (${firstLine(error)}); reinstall it, or run with --debug for details`,
      { cause: error },
    );
  }
  const factory = (mod as Record<string, unknown> | null)?.[exportName];
  if (!isProviderFactory(factory) || factory.id !== id) {
    throw new CliError(
      'adapter_load_failed',
      `${packageName} does not export a '${id}' provider factory named ${exportName}; install a version that matches @facegate/cli`,
    );
  }
  return factory;
}

/** True when the error says `packageName` itself (not one of its dependencies) cannot be found. */
function isMissingPackage(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = error instanceof Error ? error.message : String(error);
  return message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`);
}

function isProviderFactory(value: unknown): value is ProviderFactory {
  const f = value as Partial<ProviderFactory> | null;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.id === 'string' &&
    typeof f.create === 'function' &&
    Array.isArray(f.capabilities) &&
    Array.isArray(f.envVars)
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? '').slice(0, 200);
}

/** The table entry for an id; a usage error listing the known ids otherwise. */
export function findProviderPackage(id: string, table: readonly ProviderPackage[]): ProviderPackage {
  const found = table.find((p) => p.id === id);
  if (!found)
    throw new CliError(
      'usage_error',
      `unknown provider '${id}'; known providers: ${table.map((p) => p.id).join(', ')}`,
    );
  return found;
}
