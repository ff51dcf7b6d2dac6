/**
 * Codes of errors the CLI raises itself (facegate errors keep their own
 * `FacegateErrorCode`). Part of the `--json` error schema.
 */
export const CLI_ERROR_CODES = [
  /** Unknown command or option, missing or malformed argument. */
  'usage_error',
  /** A path that does not exist, is not a file, cannot be read, or is not an image/video. */
  'input_error',
  /** The provider's adapter package is not installed next to the CLI. */
  'adapter_not_installed',
  /** The adapter package is installed but failed to load or is incompatible. */
  'adapter_load_failed',
  /** A provider that only does session liveness was asked to check files. */
  'session_only_provider',
  /** The `--store` folder cannot be opened or is not a facegate template store. */
  'store_error',
] as const;

/** A CLI error code. */
export type CliErrorCode = (typeof CLI_ERROR_CODES)[number];

const BRAND = Symbol.for('facegate.cli-error');

/** An error the CLI reports as one line, with its own exit code (2 or 3). */
export class CliError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'CliError';
  /** What kind of error this is. */
  readonly code: CliErrorCode;
  /** 2 for usage/input errors, 3 for provider/system errors. */
  readonly exitCode: 2 | 3;

  /** Build an error; `message` is shown as is, so it must say what to do next. */
  constructor(code: CliErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.code = code;
    this.exitCode = code === 'usage_error' || code === 'input_error' || code === 'session_only_provider' ? 2 : 3;
  }

  /** True for a {@link CliError}, also across duplicate installs. */
  static isCliError(value: unknown): value is CliError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
