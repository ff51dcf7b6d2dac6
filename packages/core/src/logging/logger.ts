import { createScrubber, type Scrubber } from '../errors/scrubber';
import { redactBiometrics } from '../results/redact';

/** Structured log fields. Never put image bytes or credentials here. */
export type LogFields = Record<string, unknown>;

/**
 * The logging surface facegate uses: pino's `(fields, message)` call shape,
 * so a pino logger can be passed as is.
 */
export interface Logger {
  /** Detail for troubleshooting. */
  debug(fields: LogFields, message: string): void;
  /** Normal operation. */
  info(fields: LogFields, message: string): void;
  /** Something failed but was handled (e.g. a retry). */
  warn(fields: LogFields, message: string): void;
  /** Something failed and surfaced. */
  error(fields: LogFields, message: string): void;
}

/** A logger that drops everything (the default). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

const NO_SECRETS = createScrubber([]);

/**
 * Wrap a logger so every line is scrubbed on the way out: the scrubber's
 * secrets, base64 runs and byte arrays removed from the message and the
 * fields. Adapters and core log through this wrapper only; a client passes
 * the scrubber built from its providers' secrets.
 */
export function safeLogger(inner: Logger, scrubber: Scrubber = NO_SECRETS): Logger {
  const wrap =
    (level: keyof Logger) =>
    (fields: LogFields, message: string): void => {
      inner[level](scrubber.strings(redactBiometrics(fields)) as LogFields, scrubber.text(message));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
