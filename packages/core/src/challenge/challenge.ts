import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { FacegateError } from '../errors/facegate-error';
import { CHALLENGE_ACTIONS, type ChallengeAction } from './challenge-actions';
import { createLightSequence, LIGHT_MIN_CAPTURE_MS, lightSequenceSchema } from './light-sequence';
import { createPromptSchedule, promptScheduleSchema, scheduleProblems } from './prompt-schedule';

/** A server-issued active-liveness challenge. Issue one per attempt; never reuse a nonce. */
export const challengeSchema = z
  .strictObject({
    /** Random 128-bit hex; binds the frames to this challenge. */
    nonce: z.string().regex(/^[0-9a-f]{32}$/),
    /** Actions in the order the user must perform them. */
    steps: z.array(z.enum(CHALLENGE_ACTIONS)).min(1).max(8),
    issuedAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
    /** Most time allowed for one step, in ms. */
    stepTimeoutMs: z.number().int().positive(),
    /** When each prompt shows (a bound challenge): a step counts only in its own prompt's window. */
    schedule: promptScheduleSchema.optional(),
    /** Colours the page shows full-screen while capturing (a bound challenge): the face must reflect them. */
    light: lightSequenceSchema.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.schedule)
      for (const message of scheduleProblems(c.schedule, c.steps.length, c.stepTimeoutMs))
        ctx.addIssue({ code: 'custom', path: ['schedule'], message });
  });
/** An active-liveness challenge. */
export type Challenge = z.infer<typeof challengeSchema>;

/** Options for {@link createChallenge}. */
export interface CreateChallengeOptions {
  /** How many random actions after the opening `look_straight` (default 2). */
  actionCount?: number;
  /** Actions to draw from (default: turn_left, turn_right, blink). */
  pool?: readonly ChallengeAction[];
  /**
   * Actions every challenge must contain, among the `actionCount` (in random
   * positions). E.g. `['blink']`: head turns alone can be answered with two
   * photos of a person, a blink cannot.
   */
  require?: readonly ChallengeAction[];
  /** Most time for one step in ms (default 5000). */
  stepTimeoutMs?: number;
  /**
   * Random prompt times (default off): each step's prompt shows at a time the
   * server drew, and a step only counts in its own window. Frames recorded for
   * another challenge do not line up.
   */
  schedule?: boolean;
  /**
   * A random colour sequence the page shows full-screen while capturing
   * (default off): the face must reflect it frame by frame. Only for capture
   * that shows it (a page at the user's screen), not for recordings.
   */
  light?: boolean;
  /** Current time (for tests). */
  now?: Date;
  /** Random integer in [0, max) (for tests); defaults to crypto.randomInt. */
  randomInt?: (max: number) => number;
}

const DEFAULT_POOL: readonly ChallengeAction[] = ['turn_left', 'turn_right', 'blink'];

/**
 * Issue a random challenge: `look_straight` first (a frontal reference frame),
 * then `actionCount` distinct actions from the pool (including any `require`d
 * ones) in random order. The whole
 * challenge expires after one step timeout per step plus the same again as slack.
 */
export function createChallenge(options: CreateChallengeOptions = {}): Challenge {
  const pool: ChallengeAction[] = [...new Set(options.pool ?? DEFAULT_POOL)].filter((a) => a !== 'look_straight');
  const count = options.actionCount ?? 2;
  if (!Number.isInteger(count) || count < 1 || count > pool.length) {
    throw new FacegateError({
      code: 'invalid_input',
      message: `actionCount must be 1–${pool.length} for this pool`,
      details: { actionCount: count },
    });
  }
  const required = [...new Set(options.require ?? [])];
  if (required.some((a) => !pool.includes(a)) || required.length > count) {
    throw new FacegateError({
      code: 'invalid_input',
      message: `required actions must be in the pool and at most actionCount (${count})`,
      details: { require: required },
    });
  }
  const pick = options.randomInt ?? randomInt;
  // Required actions first, the rest drawn from what is left; then shuffle the lot.
  const remaining = pool.filter((a) => !required.includes(a));
  const chosen: ChallengeAction[] = [...required];
  while (chosen.length < count) chosen.push(remaining.splice(pick(remaining.length), 1)[0] as ChallengeAction);
  const actions: ChallengeAction[] = ['look_straight'];
  while (chosen.length > 0) actions.push(chosen.splice(pick(chosen.length), 1)[0] as ChallengeAction);
  const stepTimeoutMs = options.stepTimeoutMs ?? 5_000;
  const now = options.now ?? new Date();
  const drawn = options.schedule ? createPromptSchedule(actions.length, pick) : undefined;
  // A colour sequence needs a capture long enough for many colours (each one a replay must guess): the last
  // prompt stays up until LIGHT_MIN_CAPTURE_MS, as far as the step timeout lets it.
  const schedule =
    drawn && options.light
      ? {
          ...drawn,
          endMs: Math.max(drawn.endMs, Math.min(LIGHT_MIN_CAPTURE_MS, (drawn.promptsAtMs.at(-1) ?? 0) + stepTimeoutMs)),
        }
      : drawn;
  if (schedule && scheduleProblems(schedule, actions.length, stepTimeoutMs).length > 0)
    throw new FacegateError({
      code: 'invalid_input',
      message: 'stepTimeoutMs is shorter than a scheduled prompt (at least 1700 ms with schedule)',
      details: { stepTimeoutMs },
    });
  const light = options.light
    ? createLightSequence(schedule?.endMs ?? stepTimeoutMs * actions.length, pick)
    : undefined;
  return {
    nonce: randomBytes(16).toString('hex'),
    steps: actions,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + stepTimeoutMs * (actions.length + 1)).toISOString(),
    stepTimeoutMs,
    ...(schedule ? { schedule } : {}),
    ...(light ? { light } : {}),
  };
}
