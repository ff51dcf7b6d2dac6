import { readFacegateEnv } from '@facegate/core';
import { describeFromEnvVars } from '@facegate/core/spec';
import { CliError } from '../cli-error';
import { positionals } from '../input/option-values';
import { formatProviders } from '../output/human-output';
import type { ProvidersOutput } from '../output/json-output';
import { DEFAULT_PROVIDER } from '../providers/provider-packages';
import type { CommandContext, CommandResult } from './command-context';

/** Usage line of `facegate providers`. */
export const PROVIDERS_USAGE = 'facegate providers';

/**
 * `facegate providers`: every provider the CLI knows, whether its adapter is
 * installed, whether the environment configures it (no network calls) and
 * what it supports. Env values are never printed, only whether each is set.
 */
export async function providersCommand(ctx: CommandContext): Promise<CommandResult> {
  positionals(ctx.args, 0, PROVIDERS_USAGE);
  const env = ctx.io.env;
  const selected = ctx.provider ?? readFacegateEnv(env, DEFAULT_PROVIDER).provider;
  const providers: ProvidersOutput['providers'] = [];
  for (const entry of ctx.table) {
    try {
      const factory = await entry.load();
      const status = factory.describeConfiguration?.(env) ?? describeFromEnvVars(factory, env);
      providers.push({
        id: entry.id,
        package: entry.packageName,
        installed: true,
        displayName: factory.displayName,
        configured: status.configured,
        missing: status.missing,
        ...(status.note ? { note: status.note } : {}),
        capabilities: [...factory.capabilities],
        envVars: factory.envVars.map((v) => ({
          name: v.name,
          required: v.required,
          secret: v.secret,
          set: Boolean(env[v.name]?.trim()),
        })),
      });
    } catch (error) {
      if (!CliError.isCliError(error)) throw error;
      providers.push({
        id: entry.id,
        package: entry.packageName,
        installed: false,
        displayName: null,
        configured: null,
        missing: [],
        capabilities: [],
        envVars: [],
        ...(error.code === 'adapter_load_failed' ? { loadError: error.message } : {}),
      });
    }
  }
  const json: ProvidersOutput = { schemaVersion: 1, ok: true, exitCode: 0, command: 'providers', selected, providers };
  return { json, human: formatProviders(json), exitCode: 0 };
}
