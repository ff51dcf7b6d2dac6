import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FacegateError, scrubText } from '@facegate/core';
import { CliError } from './cli-error';
import type { CommandContext, CommandResult, OptionValues } from './commands/command-context';
import { livenessCommand } from './commands/liveness-command';
import { matchCommand } from './commands/match-command';
import { providersCommand } from './commands/providers-command';
import { qualityCommand } from './commands/quality-command';
import { searchCommand } from './commands/search-command';
import { EXIT_CODES, type ExitCode, exitCodeForError } from './exit-codes';
import { HELP } from './help-text';
import { type CliIo, createProgress } from './output/cli-io';
import type { ErrorOutput } from './output/json-output';
import { PROVIDER_PACKAGES, type ProviderPackage } from './providers/provider-packages';

/** Options for {@link runCli}. */
export interface RunCliOptions {
  /** Output and environment (default: the process's). */
  io?: Partial<CliIo>;
  /** The provider table (default: {@link PROVIDER_PACKAGES}); tests pass fakes. */
  providers?: readonly ProviderPackage[];
}

const COMMANDS: Record<string, { run: (ctx: CommandContext) => Promise<CommandResult>; options: string[] }> = {
  match: { run: matchCommand, options: ['threshold'] },
  liveness: {
    run: livenessCommand,
    options: ['threshold', 'challenge', 'frame-interval', 'frame-times', 'step-timeout'],
  },
  quality: { run: qualityCommand, options: [] },
  search: {
    run: searchCommand,
    options: ['collection', 'store', 'id', 'face-id', 'max-results', 'min-similarity', 'threshold'],
  },
  providers: { run: providersCommand, options: [] },
};
const GLOBAL_OPTIONS = ['provider', 'json', 'quiet', 'debug', 'help', 'version'];

const OPTION_SPEC = {
  provider: { type: 'string', short: 'p' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  threshold: { type: 'string' },
  challenge: { type: 'string' },
  'frame-interval': { type: 'string' },
  'frame-times': { type: 'string' },
  'step-timeout': { type: 'string' },
  collection: { type: 'string', short: 'c' },
  store: { type: 'string' },
  id: { type: 'string', multiple: true },
  'face-id': { type: 'string', multiple: true },
  'max-results': { type: 'string' },
  'min-similarity': { type: 'string' },
} as const;

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

/** The CLI's version, from its package.json. */
export function cliVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;
  } catch {
    return 'unknown';
  }
}

/**
 * Run the `facegate` command line and resolve to its exit code (0 pass,
 * 1 not passed, 2 usage/input error, 3 provider/system error). Never throws
 * and never calls `process.exit`: the bin does.
 */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<ExitCode> {
  const io: CliIo = { ...processIo(), ...options.io };
  const table = options.providers ?? PROVIDER_PACKAGES;
  // Best-effort flags for reporting errors found while parsing the rest.
  const json = argv.includes('--json');
  const debug = argv.includes('--debug');
  const quiet = argv.includes('--quiet') || argv.includes('-q');
  let command: string | null = null;
  try {
    let parsed: { values: OptionValues; positionals: string[] };
    try {
      parsed = parseArgs({ args: [...argv], options: OPTION_SPEC, allowPositionals: true, strict: true }) as {
        values: OptionValues;
        positionals: string[];
      };
    } catch (error) {
      const text = ((error as Error).message.split('\n')[0] ?? '').replace(/\. To specify a positional.*$/, '');
      throw new CliError('usage_error', `${text.charAt(0).toLowerCase()}${text.slice(1)}; see \`facegate --help\``);
    }
    const { values, positionals } = parsed;
    const [name, ...args] = positionals;
    if (values.version) {
      io.stdout(`${cliVersion()}\n`);
      return EXIT_CODES.pass;
    }
    if (name === 'help' || !name) {
      const topic = name === 'help' ? args[0] : undefined;
      if (topic && !HELP[topic])
        throw new CliError(
          'usage_error',
          `no help for '${topic.slice(0, 20)}'; commands: ${Object.keys(COMMANDS).join(', ')}`,
        );
      io.stdout(`${HELP[topic ?? 'general']}\n`);
      return name || values.help ? EXIT_CODES.pass : EXIT_CODES.usage;
    }
    const spec = COMMANDS[name];
    if (!spec)
      throw new CliError(
        'usage_error',
        `unknown command '${name.slice(0, 30)}'; commands: ${Object.keys(COMMANDS).join(', ')} (see \`facegate --help\`)`,
      );
    command = name;
    if (values.help) {
      io.stdout(`${HELP[name]}\n`);
      return EXIT_CODES.pass;
    }
    const stray = Object.keys(values).find((k) => !GLOBAL_OPTIONS.includes(k) && !spec.options.includes(k));
    if (stray)
      throw new CliError(
        'usage_error',
        `--${stray} is not an option of \`facegate ${name}\`; see \`facegate help ${name}\``,
      );
    const provider = typeof values.provider === 'string' ? values.provider : undefined;
    const ctx: CommandContext = { io, progress: createProgress(io, quiet), table, args, values, provider };
    const result = await spec.run(ctx);
    io.stdout(json ? `${JSON.stringify(result.json, null, 2)}\n` : result.human);
    return result.exitCode;
  } catch (error) {
    return reportError(error, io, { json, debug, command });
  }
}

/** One line on stderr (plus the JSON error document with `--json`); the stack only with `--debug`. */
function reportError(
  error: unknown,
  io: CliIo,
  flags: { json: boolean; debug: boolean; command: string | null },
): ExitCode {
  const exitCode = exitCodeForError(error);
  const known = CliError.isCliError(error) || FacegateError.isInstance(error);
  const message = known
    ? (error as Error).message
    : `internal error: ${scrubText(error instanceof Error ? error.message : String(error), 300)}${flags.debug ? '' : ' (run with --debug for the stack trace)'}`;
  io.stderr(`facegate: ${message}\n`);
  if (flags.debug && error instanceof Error) io.stderr(`${scrubText(error.stack ?? '', 8000)}\n`);
  if (flags.debug && error instanceof Error && error.cause instanceof Error)
    io.stderr(`caused by: ${scrubText(error.cause.stack ?? error.cause.message, 4000)}\n`);
  if (flags.json) {
    const fg = FacegateError.isInstance(error) ? error : undefined;
    const doc: ErrorOutput = {
      schemaVersion: 1,
      ok: false,
      exitCode: exitCode === EXIT_CODES.usage ? 2 : 3,
      command: flags.command,
      error: {
        code: CliError.isCliError(error) ? error.code : (fg?.code ?? 'internal_error'),
        message,
        retryable: fg ? fg.retryable : CliError.isCliError(error) ? false : null,
        provider: fg?.provider ?? null,
        requestId: fg?.requestId ?? null,
      },
    };
    io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  }
  return exitCode;
}
