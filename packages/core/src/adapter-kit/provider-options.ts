import type { z } from 'zod';
import { FacegateError } from '../errors/facegate-error';
import type { Warning } from '../results/common';
import type { ProviderOptions } from '../spec/requests';

/**
 * Read this provider's entry from `providerOptions` with its schema (an object
 * schema of optional keys). Unknown keys produce an `unsupported_option`
 * warning rather than being dropped silently; wrong types are `invalid_input`.
 */
export function readProviderOptions<S extends z.ZodObject>(
  provider: string,
  schema: S,
  options: ProviderOptions | undefined,
  warnings: Warning[],
): z.infer<S> {
  const mine = options?.[provider] ?? {};
  const known = new Set(Object.keys(schema.shape));
  for (const key of Object.keys(mine)) {
    if (!known.has(key))
      warnings.push({ type: 'unsupported_option', message: `${provider} ignores providerOptions.${provider}.${key}` });
  }
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(mine).filter(([k]) => known.has(k))));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FacegateError({
      code: 'invalid_input',
      message: `providerOptions.${provider} is invalid (${issues.join('; ')})`,
      provider,
      details: { issues },
    });
  }
  return parsed.data;
}
