import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FacegateError } from '@facegate/core';
import { type EnvSource, optionalSetting } from '@facegate/core/adapter-kit';
import { AWS_PROVIDER_ID } from './aws-limits';

/** Where a region came from, for messages and the factory's configuration report. */
export interface ResolvedAwsRegion {
  region: string;
  source: 'option' | 'AWS_REGION' | 'profile';
}

const REGION_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * The region as the AWS SDK's own Node chain finds it, minus instance
 * metadata: the `region` option, then `AWS_REGION`, then the `region` of the
 * profile (`AWS_PROFILE`, else `default`) in the shared config file
 * (`AWS_CONFIG_FILE`, else `~/.aws/config`), then in the shared credentials
 * file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). Files are
 * found only through the given environment (its `HOME`), so an injected
 * environment never reads the machine's own profile. Returns undefined when
 * none of them has a region; a malformed one is a `configuration_error`.
 */
export function findAwsRegion(option: string | undefined, env: EnvSource): ResolvedAwsRegion | undefined {
  const given = optionalSetting(
    { provider: AWS_PROVIDER_ID, option: 'region', envName: 'AWS_REGION', description: 'AWS region' },
    option,
    env,
  );
  const found: ResolvedAwsRegion | undefined =
    given !== undefined ? { region: given, source: option?.trim() ? 'option' : 'AWS_REGION' } : profileRegion(env);
  if (found && !REGION_PATTERN.test(found.region)) {
    throw new FacegateError({
      code: 'configuration_error',
      message: `AWS region '${found.region.slice(0, 40)}' is not a region name such as eu-west-1: fix \`region\`, AWS_REGION or the profile's region`,
      provider: AWS_PROVIDER_ID,
      details: { option: 'region', envVar: 'AWS_REGION' },
    });
  }
  return found;
}

/** {@link findAwsRegion}, or the `configuration_error` naming every place a region can be set. */
export function requireAwsRegion(option: string | undefined, env: EnvSource): string {
  const found = findAwsRegion(option, env);
  if (found) return found.region;
  throw new FacegateError({
    code: 'configuration_error',
    message:
      'AWS region is not set: pass `region`, set AWS_REGION, or give the profile (AWS_PROFILE, else default) a region in ~/.aws/config',
    provider: AWS_PROVIDER_ID,
    details: { option: 'region', envVar: 'AWS_REGION' },
  });
}

function profileRegion(env: EnvSource): ResolvedAwsRegion | undefined {
  const profile = env.AWS_PROFILE?.trim() || 'default';
  const home = env.HOME ?? env.USERPROFILE;
  const configFile = env.AWS_CONFIG_FILE ?? (home ? join(home, '.aws', 'config') : undefined);
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? (home ? join(home, '.aws', 'credentials') : undefined);
  // The config file names a profile `[profile x]` (`[default]` for the default); the credentials file `[x]`.
  const configSections = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
  const region = iniValue(configFile, configSections, 'region') ?? iniValue(credentialsFile, [profile], 'region');
  return region ? { region, source: 'profile' } : undefined;
}

/** One key of the first matching section of an INI file; a missing or unreadable file has none. */
function iniValue(file: string | undefined, sections: readonly string[], key: string): string | undefined {
  if (!file) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  let inSection = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/^\s+|\s+$/g, '');
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*(.+?)\s*\]$/.exec(line);
    if (header?.[1]) {
      inSection = sections.includes(header[1].replace(/\s+/g, ' '));
      continue;
    }
    if (!inSection) continue;
    const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(line);
    if (pair?.[1] === key && pair[2]) return pair[2].replace(/\s+[#;].*$/, '');
  }
  return undefined;
}
