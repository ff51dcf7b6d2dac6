import { CliError } from '../cli-error';
import type { OptionValues } from '../commands/command-context';

/** A string option's value, or undefined. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
}

/** A repeatable string option's values (comma-separated lists are split too). */
export function listOption(values: OptionValues, name: string): string[] {
  const v = values[name];
  const items = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
  return items
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A number option checked against a range; a usage error naming the option otherwise. */
export function numberOption(
  values: OptionValues,
  name: string,
  range: { min: number; max: number; integer?: boolean },
): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  const kind = range.integer ? 'an integer' : 'a number';
  if (
    raw.trim() === '' ||
    !Number.isFinite(n) ||
    (range.integer && !Number.isInteger(n)) ||
    n < range.min ||
    n > range.max
  )
    throw new CliError(
      'usage_error',
      `--${name} must be ${kind} from ${range.min} to ${range.max} (got '${raw.slice(0, 20)}')`,
    );
  return n;
}

/** Exactly `count` positional arguments, or a usage error showing the usage line. */
export function positionals(args: readonly string[], count: number, usage: string): string[] {
  if (args.length !== count)
    throw new CliError('usage_error', `${args.length < count ? 'missing' : 'too many'} arguments; usage: ${usage}`);
  return [...args];
}
