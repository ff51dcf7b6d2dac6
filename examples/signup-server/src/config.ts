import { FacegateError } from '@facegate/core';
import { z } from 'zod';

const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);
const positive = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const actionList = (fallback: string, allowEmpty = false) =>
  z
    .string()
    .default(fallback)
    .transform((v) => (v === 'none' ? [] : v.split(',').map((a) => a.trim())))
    .pipe(z.array(z.enum(['turn_left', 'turn_right', 'blink'])).min(allowEmpty ? 0 : 1));

const envSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** The page's origin: CORS allows only it; cookies are Secure when it is https. */
  PUBLIC_ORIGIN: z.string().url().optional(),
  /** A PostgreSQL server; when unset an embedded PGlite database is used. */
  DATABASE_URL: z.string().optional(),
  /** Where PGlite keeps its files; `memory` for a throwaway database. */
  PGLITE_DATA_DIR: z.string().default('.data/signup-db'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIGNUP_SESSION_TTL_S: seconds(1800),
  SIGNUP_LIVENESS_DEADLINE_S: seconds(120),
  SIGNUP_DOCUMENT_DEADLINE_S: seconds(180),
  SIGNUP_MATCH_DEADLINE_S: seconds(60),
  SIGNUP_UNIQUENESS_DEADLINE_S: seconds(60),
  SIGNUP_REGISTER_DEADLINE_S: seconds(300),
  SIGNUP_LIVENESS_ATTEMPTS: positive(3, 10),
  SIGNUP_DOCUMENT_ATTEMPTS: positive(3, 10),
  SIGNUP_MATCH_ATTEMPTS: positive(3, 10),
  /** Most challenges one session may request (expired challenges do not cost an attempt). */
  SIGNUP_MAX_CHALLENGES: positive(10, 100),
  /**
   * `on`: every frames challenge carries a random colour sequence the page shows full-screen, and the face must
   * reflect it (the light rule). `off` for a capture that cannot show it (a kiosk camera away from the screen);
   * the random prompt times stay on either way.
   */
  SIGNUP_LIGHT_CHALLENGE: z.enum(['on', 'off']).default('on'),
  /** Actions a frames challenge draws its two from (comma-separated). */
  SIGNUP_CHALLENGE_POOL: actionList('turn_left,turn_right,blink'),
  /**
   * Actions every frames challenge contains (comma-separated, from the pool; `none` for none). Default `blink`:
   * head turns alone can be answered with two photos of the person.
   */
  SIGNUP_CHALLENGE_REQUIRE: actionList('blink', true),
  /** Seconds after a challenge's expiry in which its frames may still arrive (upload time). */
  SIGNUP_CHALLENGE_UPLOAD_GRACE_S: seconds(15),
  SIGNUP_FACE_COLLECTION: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,255}$/)
    .default('signup-users'),
  /** Requests per minute per client IP, all routes. */
  RATE_LIMIT_PER_IP: positive(600, 1_000_000),
  /** Verification requests per minute per signup session. */
  RATE_LIMIT_PER_SESSION: positive(30, 1_000_000),
  SWEEP_INTERVAL_S: seconds(30),
  /** Where the built webcam page lives. */
  WEB_DIST_DIR: z.string().optional(),
  /** Shown to users when the automatic path fails (assisted signup). */
  ASSISTED_SIGNUP_URL: z.string().default('/assisted-signup'),
});

/** Server settings, from the environment. */
export type ServerConfig = z.infer<typeof envSchema> & {
  /** Step deadlines in ms, by step. */
  deadlinesMs: Record<'liveness' | 'document' | 'match' | 'uniqueness' | 'register', number>;
  attempts: Record<'liveness' | 'document' | 'match', number>;
};

/** Read and check the server settings; a bad value is a `configuration_error` naming the variable. */
export function loadServerConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FacegateError({
      code: 'configuration_error',
      message: `Invalid server settings (${issues.join('; ')})`,
      details: { issues },
    });
  }
  const c = parsed.data;
  const outside = c.SIGNUP_CHALLENGE_REQUIRE.filter((a) => !c.SIGNUP_CHALLENGE_POOL.includes(a));
  if (outside.length > 0 || c.SIGNUP_CHALLENGE_REQUIRE.length > 2)
    throw new FacegateError({
      code: 'configuration_error',
      message: 'Invalid server settings (SIGNUP_CHALLENGE_REQUIRE: at most 2 actions, all in SIGNUP_CHALLENGE_POOL)',
      details: { issues: ['SIGNUP_CHALLENGE_REQUIRE'] },
    });
  return {
    ...c,
    deadlinesMs: {
      liveness: c.SIGNUP_LIVENESS_DEADLINE_S * 1000,
      document: c.SIGNUP_DOCUMENT_DEADLINE_S * 1000,
      match: c.SIGNUP_MATCH_DEADLINE_S * 1000,
      uniqueness: c.SIGNUP_UNIQUENESS_DEADLINE_S * 1000,
      register: c.SIGNUP_REGISTER_DEADLINE_S * 1000,
    },
    attempts: {
      liveness: c.SIGNUP_LIVENESS_ATTEMPTS,
      document: c.SIGNUP_DOCUMENT_ATTEMPTS,
      match: c.SIGNUP_MATCH_ATTEMPTS,
    },
  };
}
