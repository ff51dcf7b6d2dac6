import { FacegateError } from '@facegate/core';
import { type EnvSource, type HttpClient, loadSetting, type SettingSpec } from '@facegate/core/adapter-kit';

/** The provider id of this adapter. */
export const FACIA_PROVIDER_ID = 'facia';

/** Environment variables the adapter reads when the options leave a setting out. */
export const FACIA_ENV_VARS = {
  /** Base URL of the self-hosted Facia server, e.g. `http://127.0.0.1:5001`. */
  baseUrl: 'FACIA_BASE_URL',
  /** The merchant hash id from the Facia portal (a secret). */
  hashId: 'FACIA_HASH_ID',
} as const;

/** How long a `ready` answer from `/status_check` is trusted by default, in ms. */
export const DEFAULT_READINESS_TTL_MS = 5_000;
/** How long `warmUp()` waits for the server by default, in ms: the vendor's 5–10 minute warm-up plus a margin. */
export const DEFAULT_WARM_UP_TIMEOUT_MS = 15 * 60_000;
/** How often `warmUp()` probes `/status_check` by default, in ms. */
export const DEFAULT_WARM_UP_POLL_MS = 5_000;

/** Options for {@link createFaciaProvider}. Every setting may also come from the environment. */
export interface FaciaProviderOptions {
  /**
   * Base URL of the Facia server (scheme, host, port and an optional path
   * prefix), e.g. `http://127.0.0.1:5001`. Default: `FACIA_BASE_URL`.
   */
  baseUrl?: string;
  /** The merchant hash id sent in every `process_face` body. Default: `FACIA_HASH_ID`. Never logged. */
  hashId?: string;
  /**
   * How long a `ready` answer from `/status_check` is trusted before the next
   * operation probes again, in ms (default 5000; 0 probes before every call).
   */
  readinessTtlMs?: number;
  /**
   * How long `warmUp()` waits for `/status_check` to say "Service is live"
   * before it fails with `provider_unavailable`, in ms (default 15 minutes).
   */
  warmUpTimeoutMs?: number;
  /** How often `warmUp()` probes `/status_check` while waiting, in ms (default 5000). */
  warmUpPollMs?: number;
  /**
   * A pre-configured axios instance (proxy, TLS agent, extra headers). The
   * adapter sets the URL, method, body, status handling, redirects (none) and
   * the abort signal on each request itself.
   */
  httpClient?: HttpClient;
  /** Where to read the environment variables (default: `process.env`). */
  env?: EnvSource;
  /** Clock in ms, for the readiness cache and the warm-up deadline (default: `Date.now`). */
  now?: () => number;
}

/** Settings after options and environment are resolved and checked. */
export interface FaciaSettings {
  /** Base URL without a trailing slash. */
  readonly baseUrl: string;
  readonly hashId: string;
  readonly readinessTtlMs: number;
  readonly warmUpTimeoutMs: number;
  readonly warmUpPollMs: number;
}

const BASE_URL_SPEC: SettingSpec = {
  provider: FACIA_PROVIDER_ID,
  option: 'baseUrl',
  envName: FACIA_ENV_VARS.baseUrl,
  description: 'Facia server base URL',
};
const HASH_ID_SPEC: SettingSpec = {
  provider: FACIA_PROVIDER_ID,
  option: 'hashId',
  envName: FACIA_ENV_VARS.hashId,
  description: 'Facia hash id',
};

function configurationError(message: string, option: string, envVar: string): FacegateError {
  return new FacegateError({
    code: 'configuration_error',
    message,
    provider: FACIA_PROVIDER_ID,
    details: { option, envVar },
  });
}

/** Check a base URL: http(s), no query or fragment; returns it without a trailing slash. */
export function normalizeBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) return undefined;
  if (url.username || url.password) return undefined;
  return url.href.replace(/\/+$/, '');
}

/** True when the URL sends data unencrypted to another machine (plain HTTP, host not loopback). */
export function isPlainHttpOffHost(baseUrl: string): boolean {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return !(host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host));
}

/** A duration option: a finite number of milliseconds ≥ 0, else a `configuration_error` naming the option. */
function milliseconds(option: string, value: number | undefined, fallback: number): number {
  const ms = value ?? fallback;
  if (Number.isFinite(ms) && ms >= 0) return ms;
  throw new FacegateError({
    code: 'configuration_error',
    message: `${option} must be a number of milliseconds ≥ 0 (got ${String(ms)})`,
    provider: FACIA_PROVIDER_ID,
    details: { option },
  });
}

/**
 * Resolve the adapter's settings from options, else the environment. Missing
 * or invalid values are a `configuration_error` naming the option and the
 * environment variable. The provider declares the hash id in `secrets()`, so
 * the client scrubs it.
 */
export function resolveFaciaSettings(options: FaciaProviderOptions, env: EnvSource): FaciaSettings {
  const rawBaseUrl = loadSetting(BASE_URL_SPEC, options.baseUrl, env);
  const baseUrl = normalizeBaseUrl(rawBaseUrl);
  if (!baseUrl) {
    throw configurationError(
      `Facia server base URL is not a valid http(s) URL without query or credentials: check \`baseUrl\` or the ${FACIA_ENV_VARS.baseUrl} environment variable (e.g. http://127.0.0.1:5001)`,
      'baseUrl',
      FACIA_ENV_VARS.baseUrl,
    );
  }
  const hashId = loadSetting(HASH_ID_SPEC, options.hashId, env);
  const readinessTtlMs = milliseconds('readinessTtlMs', options.readinessTtlMs, DEFAULT_READINESS_TTL_MS);
  const warmUpTimeoutMs = milliseconds('warmUpTimeoutMs', options.warmUpTimeoutMs, DEFAULT_WARM_UP_TIMEOUT_MS);
  const warmUpPollMs = milliseconds('warmUpPollMs', options.warmUpPollMs, DEFAULT_WARM_UP_POLL_MS);
  return { baseUrl, hashId, readinessTtlMs, warmUpTimeoutMs, warmUpPollMs };
}
