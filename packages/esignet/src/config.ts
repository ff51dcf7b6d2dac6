import { CHALLENGE_ACTIONS, type ChallengeAction, FacegateError } from '@facegate/core';
import { z } from 'zod';
import { RESULT_TOPIC } from './protocol/wire';

const split = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .transform((v) => v === 'true' || v === '1')
    .default(fallback);
const action = z.enum(CHALLENGE_ACTIONS).refine((a) => a !== 'look_straight', 'look_straight is always the first step');
// `none` for an empty list (an empty variable means "unset": the default applies).
const actions = z
  .string()
  .transform((s) => (s.trim() === 'none' ? [] : split(s)))
  .pipe(z.array(action));
const names = (pattern: RegExp) =>
  z
    .string()
    .transform(split)
    .pipe(z.array(z.string().regex(pattern)));

/** Every environment variable the service reads, with its default. */
export const ESIGNET_ENV = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: int(8090, 0, 65_535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Bearer token the Java plugin sends; required when HOST is not a loopback address. */
  ESIGNET_SERVICE_TOKEN: z.string().min(16).optional(),
  /** PostgreSQL for several instances; unset: embedded PGlite. */
  DATABASE_URL: z.string().optional(),
  /** PGlite data directory, or `memory`. */
  PGLITE_DATA_DIR: z.string().default('.data/esignet-db'),
  /** The verifier id signup-service knows this verifier by (`signup-idv_<id>.json`). */
  ESIGNET_VERIFIER_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('facegate'),
  /** A slot's whole lifetime; after it, the slot fails and its frames are deleted. */
  ESIGNET_SLOT_TTL_S: int(600, 30, 86_400),
  /** Frames per second asked of the UI (blinks need ≥ 10). */
  ESIGNET_FPS: int(10, 1, 30),
  /** Countdown the UI shows before it starts capturing. */
  ESIGNET_STARTUP_DELAY_S: int(3, 0, 60),
  /** Actions drawn for each attempt, after the opening look_straight. */
  ESIGNET_CHALLENGE_POOL: actions.default(['turn_left', 'turn_right', 'blink']),
  /** Actions every attempt must include (`none` for none). */
  ESIGNET_CHALLENGE_REQUIRE: actions.default(['blink']),
  /** How many actions per attempt. */
  ESIGNET_CHALLENGE_ACTIONS: int(2, 1, 5),
  /** Capture time given to the opening look_straight, ms. */
  ESIGNET_FIRST_WINDOW_MS: int(1500, 300, 10_000),
  /** Capture time given to each action, ms (the prompt reaches the user ~1–2 s into it). */
  ESIGNET_ACTION_WINDOW_MS: int(3500, 1000, 20_000),
  /** Pause between a failed attempt and the next one, ms (the error banner is shown meanwhile). */
  ESIGNET_RETRY_PAUSE_MS: int(2500, 0, 20_000),
  /** Liveness attempts per slot. */
  ESIGNET_LIVENESS_ATTEMPTS: int(2, 1, 5),
  /** Quality hints (no face, too dark, …) while the user follows the prompts. */
  ESIGNET_QUALITY_HINTS: flag(true),
  /** Claims a COMPLETED result attests, comma-separated (default none: liveness alone proves no attribute). */
  ESIGNET_VERIFIED_CLAIMS: names(/^[A-Za-z0-9_.:-]{1,64}$/).default([]),
  ESIGNET_TRUST_FRAMEWORK: z.string().min(1).default('facegate'),
  ESIGNET_VERIFICATION_PROCESS: z.string().min(1).default('facegate-liveness'),
  ESIGNET_ASSURANCE_LEVEL: z.string().min(1).default('low'),
  /** Kafka brokers (host:port, comma-separated): when set, the service publishes results itself. */
  ESIGNET_KAFKA_BROKERS: names(/^[^\s:]+:\d+$/).optional(),
  ESIGNET_KAFKA_TOPIC: z.string().min(1).default(RESULT_TOPIC),
  ESIGNET_KAFKA_CLIENT_ID: z.string().min(1).default('facegate-esignet'),
  /** Seconds between sweeps of expired slots. */
  ESIGNET_SWEEP_INTERVAL_S: int(30, 1, 3600),
});

/** The parsed environment. */
export type EsignetEnv = z.infer<typeof ESIGNET_ENV>;

/** How the verifier runs a slot (the part of the environment the state machine reads). */
export interface VerifierSettings {
  verifierId: string;
  slotTtlMs: number;
  framesPerSecond: number;
  startupDelaySeconds: number;
  challenge: { pool: ChallengeAction[]; require: ChallengeAction[]; actionCount: number };
  firstWindowMs: number;
  actionWindowMs: number;
  retryPauseMs: number;
  livenessAttempts: number;
  qualityHints: boolean;
  claims: { names: string[]; trustFramework: string; verificationProcess: string; assuranceLevel: string };
}

/** Read and check the environment; a bad value is a `configuration_error` naming the variable. */
export function loadEsignetEnv(env: Record<string, string | undefined> = process.env): EsignetEnv {
  const parsed = ESIGNET_ENV.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new FacegateError({
      code: 'configuration_error',
      message: `Invalid eSignet verifier settings (${issues.join('; ')})`,
      details: { issues },
    });
  }
  const c = parsed.data;
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/.test(c.HOST);
  if (!loopback && !c.ESIGNET_SERVICE_TOKEN)
    throw new FacegateError({
      code: 'configuration_error',
      message: `HOST=${c.HOST} is reachable from other machines: set ESIGNET_SERVICE_TOKEN (≥ 16 characters) and the same token in the plugin`,
    });
  const pool: ChallengeAction[] = c.ESIGNET_CHALLENGE_POOL;
  if (
    c.ESIGNET_CHALLENGE_ACTIONS > pool.length ||
    c.ESIGNET_CHALLENGE_REQUIRE.some((a: ChallengeAction) => !pool.includes(a))
  )
    throw new FacegateError({
      code: 'configuration_error',
      message:
        'ESIGNET_CHALLENGE_ACTIONS must not exceed the pool, and every ESIGNET_CHALLENGE_REQUIRE action must be in ESIGNET_CHALLENGE_POOL',
    });
  return c;
}

/** The state machine's settings from the parsed environment. */
export function verifierSettingsFrom(c: EsignetEnv): VerifierSettings {
  return {
    verifierId: c.ESIGNET_VERIFIER_ID,
    slotTtlMs: c.ESIGNET_SLOT_TTL_S * 1000,
    framesPerSecond: c.ESIGNET_FPS,
    startupDelaySeconds: c.ESIGNET_STARTUP_DELAY_S,
    challenge: {
      pool: c.ESIGNET_CHALLENGE_POOL,
      require: c.ESIGNET_CHALLENGE_REQUIRE,
      actionCount: c.ESIGNET_CHALLENGE_ACTIONS,
    },
    firstWindowMs: c.ESIGNET_FIRST_WINDOW_MS,
    actionWindowMs: c.ESIGNET_ACTION_WINDOW_MS,
    retryPauseMs: c.ESIGNET_RETRY_PAUSE_MS,
    livenessAttempts: c.ESIGNET_LIVENESS_ATTEMPTS,
    qualityHints: c.ESIGNET_QUALITY_HINTS,
    claims: {
      names: c.ESIGNET_VERIFIED_CLAIMS,
      trustFramework: c.ESIGNET_TRUST_FRAMEWORK,
      verificationProcess: c.ESIGNET_VERIFICATION_PROCESS,
      assuranceLevel: c.ESIGNET_ASSURANCE_LEVEL,
    },
  };
}
