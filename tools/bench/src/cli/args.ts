import { parseArgs } from 'node:util';

/** Parse `--name value` flags (numbers where the default is a number); `positionals` are data set paths. */
export function readArgs<T extends Record<string, string | number | boolean>>(
  defaults: T,
  argv = process.argv.slice(2).filter((a) => a !== '--'),
): { values: T; positionals: string[] } {
  const options = Object.fromEntries(
    Object.entries(defaults).map(([k, v]) => [k, { type: typeof v === 'boolean' ? 'boolean' : 'string' }] as const),
  );
  const parsed = parseArgs({ args: argv, options, allowPositionals: true });
  const values = { ...defaults } as Record<string, string | number | boolean>;
  for (const [k, v] of Object.entries(parsed.values)) {
    const d = defaults[k];
    if (typeof d === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) throw new Error(`--${k} needs a number, got ${String(v)}`);
      values[k] = n;
    } else values[k] = v as string | boolean;
  }
  return { values: values as T, positionals: parsed.positionals };
}
