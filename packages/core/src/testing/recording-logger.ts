import type { LogFields, Logger } from '../logging/logger';

/** One captured log line. */
export interface LogLine {
  level: keyof Logger;
  fields: LogFields;
  message: string;
}

/** A logger that keeps every line, for tests that inspect logs. */
export interface RecordingLogger extends Logger {
  readonly lines: LogLine[];
  /** Every line as one string (fields as JSON), for leak checks. */
  text(): string;
  /** Forget the lines kept so far. */
  clear(): void;
}

/** Create a {@link RecordingLogger}. */
export function createRecordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const record = (level: keyof Logger) => (fields: LogFields, message: string) => {
    lines.push({ level, fields, message });
  };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    text: () => lines.map((l) => `${l.level} ${l.message} ${JSON.stringify(l.fields)}`).join('\n'),
    clear: () => {
      lines.length = 0;
    },
  };
}
