import { FacegateError } from '../errors/facegate-error';

/** Environment variables as a plain record (e.g. `process.env`). */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** Describe one setting for {@link loadSetting}. */
export interface SettingSpec {
  /** Provider id, for the error. */
  provider: string;
  /** Option name in the factory settings, e.g. `apiKey`. */
  option: string;
  /** Environment variable read when the option is not given. */
  envName: string;
  /** Human description, e.g. `Azure Face API key`. */
  description: string;
}

/**
 * Read a setting from the explicit option, else the environment. Throws a
 * `configuration_error` naming both the option and the env variable when
 * neither is set. Messages never echo a value; an adapter declares the
 * credential values it read in its provider's `secrets()`, so the client
 * scrubs them.
 */
export function loadSetting(spec: SettingSpec, value: string | undefined, env: EnvSource): string {
  const found = optionalSetting(spec, value, env);
  if (found === undefined) {
    throw new FacegateError({
      code: 'configuration_error',
      message: `${spec.description} is missing: pass \`${spec.option}\` or set the ${spec.envName} environment variable`,
      provider: spec.provider,
      details: { option: spec.option, envVar: spec.envName },
    });
  }
  return found;
}

/** Like {@link loadSetting} but returns undefined when unset. */
export function optionalSetting(spec: SettingSpec, value: string | undefined, env: EnvSource): string | undefined {
  const found = value ?? env[spec.envName];
  const trimmed = found?.trim();
  if (!trimmed) return undefined;
  return trimmed;
}
