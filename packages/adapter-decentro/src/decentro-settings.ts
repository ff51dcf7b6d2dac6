import { FacegateError } from '@facegate/core';
import {
  type EnvSource,
  type HttpClient,
  loadSetting,
  optionalSetting,
  type SettingSpec,
} from '@facegate/core/adapter-kit';

/** The provider id of this adapter. */
export const DECENTRO_PROVIDER_ID = 'decentro';

/** Decentro's staging (test) API host; the default, so a misconfigured app never bills production. */
export const DECENTRO_STAGING_URL = 'https://in.staging.decentro.tech';

/**
 * Decentro's production API host. ASSUMED from the staging host's naming:
 * Decentro shares production details with credentials after onboarding; set
 * `baseUrl` to the exact URL they give you if it differs.
 */
export const DECENTRO_PRODUCTION_URL = 'https://in.decentro.tech';

/** Which passive image liveness API to call: v3 (JSON, base64 image) or v2 (multipart upload). */
export type DecentroImageLivenessApi = 'v3-json' | 'v2-multipart';

/** Purpose texts Decentro accepts: 20–50 characters (`error_short_purpose_length` / `error_long_purpose_length`). */
export const CONSENT_PURPOSE_LENGTH = { min: 20, max: 50 } as const;

/** Options for {@link createDecentroProvider}. Every setting not given is read from the environment. */
export interface DecentroProviderOptions {
  /** Decentro `client_id` (env `DECENTRO_CLIENT_ID`). */
  clientId?: string;
  /** Decentro `client_secret` (env `DECENTRO_CLIENT_SECRET`). */
  clientSecret?: string;
  /** The KYC module's `module_secret` (env `DECENTRO_MODULE_SECRET`). */
  moduleSecret?: string;
  /**
   * `staging` (default), `production`, or a full `https://` base URL
   * (env `DECENTRO_BASE_URL`). Plain `http://` is accepted for localhost only.
   */
  baseUrl?: string;
  /**
   * Why you check the user's face, sent as Decentro's consent purpose on every
   * call, e.g. `Identity verification for account signup` (env
   * `DECENTRO_CONSENT_PURPOSE`). Required, 20–50 characters; there is no
   * default, because it is a statement made to your user in your words.
   */
  consentPurpose?: string;
  /**
   * Your assertion that every user has consented to the check for
   * `consentPurpose` before you call facegate. Decentro requires `consent:
   * true` on every call; this adapter sends it only because you set this
   * (or `DECENTRO_CONSENT=true`).
   */
  consent?: true;
  /** Passive image liveness API (default `v3-json`); per call: `providerOptions.decentro.imageLivenessApi`. */
  imageLivenessApi?: DecentroImageLivenessApi;
  /**
   * Skip Decentro's EXIF capture-metadata check (and facegate's pre-flight
   * copy of it). Decentro documents this for development only.
   */
  skipMetadataValidation?: boolean;
  /**
   * Send `skip_metadata_validation` with video liveness (default true).
   * Decentro rejects clips without camera metadata, and a browser recording
   * (MediaRecorder WebM/MP4) never has any, so without it video liveness
   * from a web page cannot pass. Set false for clips from a native camera
   * app that keeps its metadata. Per call: `providerOptions.decentro.skipMetadataValidation`.
   */
  skipVideoMetadataValidation?: boolean;
  /**
   * Decentro's own face match threshold (0.7–0.95), sent as `threshold` in
   * whole percent (`70`–`95`, the integer its OpenAPI specifies). Left out by
   * default (Decentro then uses 70). It does not change facegate's decision,
   * which the policy takes from the similarity.
   */
  faceMatchThreshold?: number;
  /** A pre-built axios instance (proxy, agent, interceptors). Default: a fresh instance. */
  httpClient?: HttpClient;
  /** @deprecated Renamed `httpClient`; accepted for one release. */
  axios?: HttpClient;
  /** Environment to read settings from (default `process.env`, read when the provider is created). */
  env?: EnvSource;
}

/** Settings after defaults, environment and validation. */
export interface DecentroSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly moduleSecret: string;
  readonly baseUrl: string;
  readonly consentPurpose: string;
  readonly imageLivenessApi: DecentroImageLivenessApi;
  readonly skipMetadataValidation: boolean;
  readonly skipVideoMetadataValidation: boolean;
  readonly faceMatchThreshold: number | undefined;
}

/** Environment variables this adapter reads. */
export const DECENTRO_ENV = {
  clientId: 'DECENTRO_CLIENT_ID',
  clientSecret: 'DECENTRO_CLIENT_SECRET',
  moduleSecret: 'DECENTRO_MODULE_SECRET',
  baseUrl: 'DECENTRO_BASE_URL',
  consentPurpose: 'DECENTRO_CONSENT_PURPOSE',
  consent: 'DECENTRO_CONSENT',
} as const;

const spec = (option: keyof typeof DECENTRO_ENV, description: string): SettingSpec => ({
  provider: DECENTRO_PROVIDER_ID,
  option,
  envName: DECENTRO_ENV[option],
  description,
});

const SPECS = {
  clientId: spec('clientId', 'Decentro client id'),
  clientSecret: spec('clientSecret', 'Decentro client secret'),
  moduleSecret: spec('moduleSecret', 'Decentro KYC module secret'),
  baseUrl: spec('baseUrl', 'Decentro base URL'),
  consentPurpose: spec('consentPurpose', 'Decentro consent purpose'),
  consent: spec('consent', "The assertion that users consented to Decentro's checks"),
};

function configError(message: string, option: keyof typeof DECENTRO_ENV): FacegateError {
  return new FacegateError({
    code: 'configuration_error',
    message,
    provider: DECENTRO_PROVIDER_ID,
    details: { option, envVar: DECENTRO_ENV[option] },
  });
}

/** Resolve `staging`, `production` or a URL to a base URL without a trailing slash. */
export function resolveBaseUrl(value: string | undefined): string {
  if (value === undefined || value === 'staging') return DECENTRO_STAGING_URL;
  if (value === 'production') return DECENTRO_PRODUCTION_URL;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw configError(
      `Decentro base URL '${value.slice(0, 80)}' is not a URL: use staging, production or https://…`,
      'baseUrl',
    );
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw configError('Decentro base URL must use https (plain http is allowed for localhost only)', 'baseUrl');
  }
  if (url.search || url.hash || url.username || url.password) {
    throw configError('Decentro base URL must not carry a query, fragment or credentials', 'baseUrl');
  }
  return url.toString().replace(/\/+$/, '');
}

function checkPurpose(purpose: string): string {
  const { min, max } = CONSENT_PURPOSE_LENGTH;
  if (purpose.length < min || purpose.length > max) {
    throw configError(
      `Decentro consent purpose must be ${min}–${max} characters (got ${purpose.length}); Decentro refuses other lengths`,
      'consentPurpose',
    );
  }
  return purpose;
}

function checkConsent(value: true | undefined, env: EnvSource): void {
  if (value === true) return;
  if (value !== undefined) throw configError('`consent` must be `true` when given', 'consent');
  const fromEnv = optionalSetting(SPECS.consent, undefined, env);
  if (fromEnv === 'true') return;
  throw configError(
    fromEnv === undefined
      ? "Decentro needs each user's consent on every call: once your app collects it, pass `consent: true` or set DECENTRO_CONSENT=true"
      : `DECENTRO_CONSENT must be exactly 'true' (got '${fromEnv.slice(0, 20)}')`,
    'consent',
  );
}

/** Decentro's documented face match threshold range. */
export const FACE_MATCH_THRESHOLD_RANGE = { min: 0.7, max: 0.95 } as const;

/** True when `value` is a threshold Decentro accepts. */
export function isValidFaceMatchThreshold(value: number): boolean {
  return Number.isFinite(value) && value >= FACE_MATCH_THRESHOLD_RANGE.min && value <= FACE_MATCH_THRESHOLD_RANGE.max;
}

/**
 * Read and check every setting. Throws `configuration_error` naming the
 * option and its environment variable when something is missing or invalid.
 */
export function resolveDecentroSettings(options: DecentroProviderOptions, env: EnvSource): DecentroSettings {
  checkConsent(options.consent, env);
  const imageLivenessApi = options.imageLivenessApi ?? 'v3-json';
  if (imageLivenessApi !== 'v3-json' && imageLivenessApi !== 'v2-multipart') {
    throw new FacegateError({
      code: 'configuration_error',
      message: "`imageLivenessApi` must be 'v3-json' or 'v2-multipart'",
      provider: DECENTRO_PROVIDER_ID,
    });
  }
  const faceMatchThreshold = options.faceMatchThreshold;
  if (faceMatchThreshold !== undefined && !isValidFaceMatchThreshold(faceMatchThreshold)) {
    throw new FacegateError({
      code: 'configuration_error',
      message: "`faceMatchThreshold` must be between 0.7 and 0.95 (Decentro's documented range)",
      provider: DECENTRO_PROVIDER_ID,
    });
  }
  return {
    clientId: loadSetting(SPECS.clientId, options.clientId, env),
    clientSecret: loadSetting(SPECS.clientSecret, options.clientSecret, env),
    moduleSecret: loadSetting(SPECS.moduleSecret, options.moduleSecret, env),
    baseUrl: resolveBaseUrl(optionalSetting(SPECS.baseUrl, options.baseUrl, env)),
    consentPurpose: checkPurpose(loadSetting(SPECS.consentPurpose, options.consentPurpose, env)),
    imageLivenessApi,
    skipMetadataValidation: options.skipMetadataValidation === true,
    skipVideoMetadataValidation: options.skipVideoMetadataValidation !== false,
    faceMatchThreshold,
  };
}
