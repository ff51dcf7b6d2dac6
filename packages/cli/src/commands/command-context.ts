import type { Warning } from '@facegate/core';
import type { CliIo, Progress } from '../output/cli-io';
import { type CliJsonOutput, JSON_SCHEMA_VERSION } from '../output/json-output';
import type { ProviderPackage } from '../providers/provider-packages';

/** Parsed option values (strings, booleans, repeated strings) as `parseArgs` returns them. */
export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What every command receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly progress: Progress;
  readonly table: readonly ProviderPackage[];
  /** Arguments after the command name. */
  readonly args: readonly string[];
  readonly values: OptionValues;
  /** `--provider`, when given. */
  readonly provider: string | undefined;
}

/** What a command produced: one JSON document, its human rendering, and the exit code. */
export interface CommandResult {
  readonly json: CliJsonOutput;
  readonly human: string;
  readonly exitCode: 0 | 1;
}

/** Exit code for a decision outcome: 0 for pass, 1 otherwise. */
export const exitFor = (outcome: string): 0 | 1 => (outcome === 'pass' ? 0 : 1);

/** The fields every result document shares, from a facegate result and the command's own warnings. */
export function envelope<E extends 0 | 1>(
  result: { provider: string; raw: { requestId: string | null }; warnings: Warning[] },
  cliWarnings: readonly Warning[],
  exitCode: E,
) {
  return {
    schemaVersion: JSON_SCHEMA_VERSION as typeof JSON_SCHEMA_VERSION,
    ok: exitCode === 0,
    exitCode,
    provider: result.provider,
    requestId: result.raw.requestId,
    warnings: [...cliWarnings, ...result.warnings],
  };
}
