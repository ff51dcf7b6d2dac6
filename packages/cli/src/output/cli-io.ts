import type { EnvSource } from '@facegate/core/adapter-kit';

/** Where the CLI reads its environment and writes its output (injectable for tests). */
export interface CliIo {
  /** Results: human text, or one JSON document with `--json`. */
  stdout(text: string): void;
  /** Progress, warnings and error lines. */
  stderr(text: string): void;
  /** Whether stderr is a terminal (progress then updates in place). */
  readonly stderrIsTTY: boolean;
  /** Environment variables (`FACEGATE_*` and the vendors' own). */
  readonly env: EnvSource;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
}

/** Progress and notes on stderr; silent with `--quiet`. */
export interface Progress {
  /** A note on its own line, e.g. `loading models for local…`. */
  note(message: string): void;
  /** A counter, e.g. `reading frames 3/12`, updated in place on a terminal. */
  count(label: string, done: number, total: number): void;
  /** A warning line (`--quiet` silences it too: only errors remain). */
  warn(message: string): void;
}

/** Build the stderr progress reporter. */
export function createProgress(io: CliIo, quiet: boolean): Progress {
  let inPlace = false;
  const endLine = () => {
    if (inPlace) io.stderr('\n');
    inPlace = false;
  };
  return {
    note(message) {
      if (quiet) return;
      endLine();
      io.stderr(`${message}\n`);
    },
    count(label, done, total) {
      if (quiet) return;
      if (io.stderrIsTTY) {
        io.stderr(`\r${label} ${done}/${total}`);
        inPlace = done < total;
        if (!inPlace) io.stderr('\n');
      } else if (done === total) {
        io.stderr(`${label} ${done}/${total}\n`);
      }
    },
    warn(message) {
      if (quiet) return;
      endLine();
      io.stderr(`warning: ${message}\n`);
    },
  };
}
