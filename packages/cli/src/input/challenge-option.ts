import { randomBytes } from 'node:crypto';
import { CHALLENGE_ACTIONS, type Challenge, type ChallengeAction } from '@facegate/core';
import { CliError } from '../cli-error';

/** Most steps a challenge may have (core's limit). */
const MAX_STEPS = 8;

/**
 * Parse `--challenge turn_left,blink` into the challenge's steps. The CLI
 * cannot show a challenge to the person in the photos, so the caller states
 * which actions the frames perform, in order. `look_straight` (the frontal
 * reference frame) is put first when the list does not start with it;
 * without `--challenge` the steps are just `look_straight` (a passive check
 * over the sequence).
 */
export function parseChallengeSteps(value: string | undefined): ChallengeAction[] {
  if (value === undefined) return ['look_straight'];
  const names = value
    .split(',')
    .map((s) => s.trim().toLowerCase().replace(/-/g, '_'))
    .filter(Boolean);
  if (names.length === 0)
    throw new CliError('usage_error', '--challenge needs actions, e.g. --challenge turn_left,blink');
  const steps: ChallengeAction[] = [];
  for (const name of names) {
    if (!(CHALLENGE_ACTIONS as readonly string[]).includes(name))
      throw new CliError(
        'usage_error',
        `--challenge: unknown action '${name.slice(0, 40)}'; actions: ${CHALLENGE_ACTIONS.join(', ')}`,
      );
    steps.push(name as ChallengeAction);
  }
  if (steps[0] !== 'look_straight') steps.unshift('look_straight');
  if (steps.length > MAX_STEPS)
    throw new CliError('usage_error', `--challenge: at most ${MAX_STEPS} steps, look_straight included`);
  return steps;
}

/**
 * Build the challenge the frames answer, as a server would issue it: a fresh
 * nonce, issued now, expiring after one step timeout per step plus one more.
 * Build it right before the check, after frames are read and models loaded.
 */
export function buildChallenge(steps: ChallengeAction[], stepTimeoutMs: number, now: Date = new Date()): Challenge {
  return {
    nonce: randomBytes(16).toString('hex'),
    steps,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + stepTimeoutMs * (steps.length + 1)).toISOString(),
    stepTimeoutMs,
  };
}
