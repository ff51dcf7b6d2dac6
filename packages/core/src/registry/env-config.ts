import { z } from 'zod';
import type { EnvSource } from '../adapter-kit/settings';
import { FacegateError } from '../errors/facegate-error';
import type { PolicyOverrides } from '../policy/policy-config';
import type { ResilienceOptions } from '../resilience/resilience-options';
import { PROVIDER_IDS } from './provider-table';

/** Environment variables facegate itself reads (vendors' own variables are read by each adapter). */
export const FACEGATE_ENV_VARS = {
  FACEGATE_PROVIDER: `Provider id: ${PROVIDER_IDS.join(' | ')}`,
  FACEGATE_FALLBACK: 'Comma-separated provider ids tried, in order, when the primary is unavailable or times out',
  FACEGATE_LIVENESS_PASS_AT: 'Liveness confidence (0..1) at or above which a check passes',
  FACEGATE_LIVENESS_REVIEW_AT: 'Liveness confidence (0..1) from which a check goes to review instead of reject',
  FACEGATE_MATCH_PASS_AT: 'Similarity (0..1) at or above which two faces match',
  FACEGATE_MATCH_REVIEW_AT: 'Similarity (0..1) from which a comparison goes to review instead of reject',
  FACEGATE_DUPLICATE_REJECT_AT: 'Similarity (0..1) at or above which a search hit is a duplicate',
  FACEGATE_DUPLICATE_REVIEW_AT: 'Similarity (0..1) from which a search hit goes to review',
  FACEGATE_INCONCLUSIVE: 'What an inconclusive vendor answer becomes: retry | review | reject',
  FACEGATE_TIMEOUT_MS: 'Per-attempt timeout in milliseconds',
  FACEGATE_MAX_RETRIES: 'Retries for retryable errors',
} as const;

/** Settings read from the environment. */
export interface FacegateEnvConfig {
  provider: string;
  fallback: string[];
  policy: PolicyOverrides;
  resilience: Partial<Pick<ResilienceOptions, 'timeoutMs' | 'maxRetries'>>;
}

const id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a provider id such as local or aws');
const unit = z.coerce.number().min(0).max(1);

/**
 * Read facegate's own settings from the environment. Unset values are left
 * out (so provider defaults apply); malformed values are a
 * `configuration_error` naming the variable.
 */
export function readFacegateEnv(env: EnvSource, defaultProvider = 'local'): FacegateEnvConfig {
  const read = <T>(name: keyof typeof FACEGATE_ENV_VARS, schema: z.ZodType<T>): T | undefined => {
    const value = env[name]?.trim();
    if (!value) return undefined;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      throw new FacegateError({
        code: 'configuration_error',
        message: `${name}=${JSON.stringify(value.slice(0, 40))} is invalid (${parsed.error.issues[0]?.message}); expected: ${FACEGATE_ENV_VARS[name]}`,
        details: { envVar: name },
      });
    }
    return parsed.data;
  };
  const fallback = read(
    'FACEGATE_FALLBACK',
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(id)),
  );
  const policy: PolicyOverrides = {};
  const livenessPass = read('FACEGATE_LIVENESS_PASS_AT', unit);
  const livenessReview = read('FACEGATE_LIVENESS_REVIEW_AT', unit);
  const matchPass = read('FACEGATE_MATCH_PASS_AT', unit);
  const matchReview = read('FACEGATE_MATCH_REVIEW_AT', unit);
  const dupReject = read('FACEGATE_DUPLICATE_REJECT_AT', unit);
  const dupReview = read('FACEGATE_DUPLICATE_REVIEW_AT', unit);
  if (livenessPass !== undefined || livenessReview !== undefined)
    policy.liveness = clean({ passAt: livenessPass, reviewAt: livenessReview });
  if (matchPass !== undefined || matchReview !== undefined)
    policy.match = clean({ passAt: matchPass, reviewAt: matchReview });
  if (dupReject !== undefined || dupReview !== undefined)
    policy.duplicate = clean({ rejectAt: dupReject, reviewAt: dupReview });
  const inconclusive = read('FACEGATE_INCONCLUSIVE', z.enum(['retry', 'review', 'reject']));
  if (inconclusive) policy.inconclusive = inconclusive;
  return {
    provider: read('FACEGATE_PROVIDER', id) ?? defaultProvider,
    fallback: fallback ?? [],
    policy,
    resilience: clean({
      timeoutMs: read('FACEGATE_TIMEOUT_MS', z.coerce.number().int().positive()),
      maxRetries: read('FACEGATE_MAX_RETRIES', z.coerce.number().int().min(0).max(10)),
    }),
  };
}

function clean<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
