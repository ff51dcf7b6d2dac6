import type { EnvSource } from '../adapter-kit/settings';
import type { Capability } from './capabilities';
import type { FaceProvider } from './face-provider';

/** An environment variable a provider reads. */
export interface EnvVarSpec {
  readonly name: string;
  /** Required unless the value can come from elsewhere (e.g. the AWS credential chain). */
  readonly required: boolean;
  readonly secret: boolean;
  readonly description: string;
}

/** Whether a provider has what it needs in the environment. */
export interface ConfigurationStatus {
  configured: boolean;
  /** Env variables that must be set and are not. */
  missing: string[];
  note?: string;
}

/**
 * How the registry builds a provider. Every adapter package exports one, so an
 * app can switch vendors by configuration alone.
 */
export interface ProviderFactory<Options = Record<string, unknown>> {
  readonly id: string;
  readonly displayName: string;
  readonly envVars: readonly EnvVarSpec[];
  readonly capabilities: readonly Capability[];
  /** Check the environment without network calls (default: required env vars present). */
  describeConfiguration?(env: EnvSource): ConfigurationStatus;
  /** Build the provider. Throws `configuration_error` naming what is missing. */
  create(options: Options | undefined, env: EnvSource): FaceProvider | Promise<FaceProvider>;
}

/** The default configuration check: are the required env variables set? */
export function describeFromEnvVars(factory: Pick<ProviderFactory, 'envVars'>, env: EnvSource): ConfigurationStatus {
  const missing = factory.envVars.filter((v) => v.required && !env[v.name]?.trim()).map((v) => v.name);
  return { configured: missing.length === 0, missing };
}
