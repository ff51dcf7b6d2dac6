import type { KeyCredential, TokenCredential } from '@azure/core-auth';
import type { FaceClient } from '@azure-rest/ai-vision-face';
import { FacegateError } from '@facegate/core';
import { type EnvSource, loadSetting, optionalSetting } from '@facegate/core/adapter-kit';

/** The provider id this adapter registers under. */
export const AZURE_PROVIDER_ID = 'azure';

/** Environment variables the Azure adapter reads when the matching option is not given. */
export const AZURE_ENV = {
  /** The Face resource endpoint, e.g. `https://my-face.cognitiveservices.azure.com`. */
  endpoint: 'AZURE_FACE_ENDPOINT',
  /** A key of the Face resource (`Ocp-Apim-Subscription-Key`). */
  apiKey: 'AZURE_FACE_API_KEY',
  /** The Face REST API version, a path segment (default `v1.2`). */
  apiVersion: 'AZURE_FACE_API_VERSION',
} as const;

/** The Face REST API version the adapter is built and tested against (`/face/v1.2/...`). */
export const AZURE_DEFAULT_API_VERSION = 'v1.2';

/**
 * The only API versions whose paths and answers this adapter implements.
 * Other versions move or reshape the liveness routes, so they are refused
 * at configuration time instead of failing later with a vendor 404.
 */
export const AZURE_IMPLEMENTED_API_VERSIONS: readonly string[] = [AZURE_DEFAULT_API_VERSION];

/** Liveness modes Azure offers: passive only, or passive plus an active head-turn/smile prompt. */
export type AzureLivenessOperationMode = 'Passive' | 'PassiveActive';

/** Options for {@link createAzureProvider}. Every option falls back to its environment variable. */
export interface AzureProviderOptions {
  /**
   * The Face resource endpoint (protocol and host only), e.g.
   * `https://my-face.cognitiveservices.azure.com`. Env: `AZURE_FACE_ENDPOINT`.
   */
  endpoint?: string;
  /** A key of the Face resource. Env: `AZURE_FACE_API_KEY`. Ignored when `credential` is given. */
  apiKey?: string;
  /**
   * A credential from `@azure/identity` (Entra ID token) or an `AzureKeyCredential`.
   * Wins over `apiKey`; the credential stays inside the Azure SDK.
   */
  credential?: TokenCredential | KeyCredential;
  /**
   * A client built with `@azure-rest/ai-vision-face`. Its endpoint, credential
   * and API version are used as they are; its retry policies are removed,
   * because facegate's core is the only retrier.
   */
  httpClient?: FaceClient;
  /** @deprecated Renamed `httpClient` (one name in every adapter); accepted for one release. */
  client?: FaceClient;
  /**
   * The REST API version (a path segment, `/face/<version>/`). Env:
   * `AZURE_FACE_API_VERSION`; default and only accepted value `v1.2`, the
   * version this adapter implements. Any other value is a `configuration_error`.
   */
  apiVersion?: string;
  /** Liveness mode for new sessions (default `PassiveActive`); `providerOptions.azure.livenessOperationMode` overrides it per call. */
  livenessOperationMode?: AzureLivenessOperationMode;
  /**
   * Delete a session once its complete result was read, which revokes the
   * browser's token (default true). A failed delete is logged as a warning.
   */
  deleteSessionAfterResult?: boolean;
  /** Environment to read settings from (default `process.env`). */
  env?: EnvSource;
}

/** Where the adapter's client comes from, after options and environment were read. */
export type ResolvedAzureSettings =
  | { kind: 'client'; client: FaceClient }
  | { kind: 'build'; endpoint: string; credential: TokenCredential | KeyCredential | string; apiVersion: string };

const ENDPOINT_SPEC = {
  provider: AZURE_PROVIDER_ID,
  option: 'endpoint',
  envName: AZURE_ENV.endpoint,
  description: 'Azure Face endpoint',
};
const API_KEY_SPEC = {
  provider: AZURE_PROVIDER_ID,
  option: 'apiKey',
  envName: AZURE_ENV.apiKey,
  description: 'Azure Face API key (or a `credential`)',
};
const API_VERSION_SPEC = {
  provider: AZURE_PROVIDER_ID,
  option: 'apiVersion',
  envName: AZURE_ENV.apiVersion,
  description: 'Azure Face API version',
};

/** A bad (not missing) setting: the message names the option and its env variable. */
function configurationError(message: string, details: { option: string; envVar: string }): FacegateError {
  return new FacegateError({
    code: 'configuration_error',
    message: `${message} (option '${details.option}' or env ${details.envVar})`,
    provider: AZURE_PROVIDER_ID,
    details,
  });
}

/** Accept `https://<host>` (a trailing slash is fine); anything with a path is a mistake worth naming. */
function normalizeEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configurationError(
      `Azure Face endpoint is not a URL: set ${AZURE_ENV.endpoint} to https://<resource>.cognitiveservices.azure.com`,
      {
        option: 'endpoint',
        envVar: AZURE_ENV.endpoint,
      },
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw configurationError(`Azure Face endpoint must be an https URL (got ${url.protocol})`, {
      option: 'endpoint',
      envVar: AZURE_ENV.endpoint,
    });
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw configurationError(
      `Azure Face endpoint must be the resource origin only (e.g. https://<resource>.cognitiveservices.azure.com), without '${url.pathname}${url.search}'; the adapter adds /face/<version>/ itself`,
      { option: 'endpoint', envVar: AZURE_ENV.endpoint },
    );
  }
  return url.origin;
}

/** The refusal for an API version this adapter does not implement (configured, or in an adopted client's paths). */
export function unimplementedApiVersionError(apiVersion: string): FacegateError {
  return configurationError(
    `Azure Face API version '${apiVersion.slice(0, 30)}' is not implemented by this adapter: only ${AZURE_IMPLEMENTED_API_VERSIONS.join(', ')} paths and answers are; unset it or set ${AZURE_IMPLEMENTED_API_VERSIONS[0]}`,
    { option: 'apiVersion', envVar: AZURE_ENV.apiVersion },
  );
}

function assertImplementedApiVersion(apiVersion: string): void {
  if (!AZURE_IMPLEMENTED_API_VERSIONS.includes(apiVersion)) throw unimplementedApiVersionError(apiVersion);
}

/**
 * Read the adapter's settings from options, then the environment. A given
 * `httpClient` wins; else the endpoint is required and the credential is the
 * given `credential`, else the API key. Missing settings are a
 * `configuration_error` naming the option and the env variable.
 */
export function resolveAzureSettings(options: AzureProviderOptions, env: EnvSource): ResolvedAzureSettings {
  const given = options.httpClient ?? options.client;
  if (given) return { kind: 'client', client: given };
  const endpoint = normalizeEndpoint(loadSetting(ENDPOINT_SPEC, options.endpoint, env));
  const apiVersion = optionalSetting(API_VERSION_SPEC, options.apiVersion, env) ?? AZURE_DEFAULT_API_VERSION;
  assertImplementedApiVersion(apiVersion);
  if (options.credential) {
    return { kind: 'build', endpoint, credential: options.credential, apiVersion };
  }
  const apiKey = loadSetting(API_KEY_SPEC, options.apiKey, env);
  return { kind: 'build', endpoint, credential: apiKey, apiVersion };
}

/** The credential values in resolved settings (an API key, or a key credential's key), for the provider's `secrets()`. */
export function azureSecrets(settings: ResolvedAzureSettings): string[] {
  if (settings.kind === 'client') return [];
  if (typeof settings.credential === 'string') return [settings.credential];
  return 'key' in settings.credential ? [settings.credential.key] : [];
}
