import { FacegateError, type FacegateErrorCode } from '@facegate/core';
import { CliError } from './cli-error';

/**
 * The CLI's exit codes. They are part of its stable interface: scripts may
 * branch on them.
 */
export const EXIT_CODES = {
  /** The check passed (decision `pass`), or a command without a verdict succeeded. */
  pass: 0,
  /** The check ran and did not pass (decision `retry`, `review` or `reject`). */
  notPassed: 1,
  /** The command line or an input file is wrong: fix the command and run it again. */
  usage: 2,
  /** The provider, its configuration or the system failed: the input was not judged. */
  system: 3,
} as const;

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** Facegate error codes that mean "your command or your file", not "the provider failed". */
const USAGE_CODES: ReadonlySet<FacegateErrorCode> = new Set([
  'invalid_input',
  'unsupported_media',
  'unsupported_operation',
  'resource_not_found',
]);

/**
 * The exit code for an error: 2 for usage and input errors (including a
 * provider refusing the media or lacking the operation, and an unknown
 * collection), 3 for everything else (configuration, credentials, a missing
 * adapter package, the network, the vendor, bugs).
 */
export function exitCodeForError(error: unknown): ExitCode {
  if (CliError.isCliError(error)) return error.exitCode;
  if (FacegateError.isInstance(error)) return USAGE_CODES.has(error.code) ? EXIT_CODES.usage : EXIT_CODES.system;
  return EXIT_CODES.system;
}
