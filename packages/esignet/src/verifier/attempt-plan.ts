import type { Challenge, ChallengeAction } from '@facegate/core';

/** One prompt's share of the capture, in ms of capture time since the step's first frame. */
export interface PromptWindow {
  action: ChallengeAction;
  startMs: number;
  endMs: number;
}

/**
 * The prompts of one attempt laid out in capture time: the opening
 * look_straight gets `firstWindowMs`, each action `actionWindowMs`. Prompts are
 * revealed one window at a time (open loop): the user learns an action only
 * when its window starts, so frames recorded beforehand cannot answer it.
 */
export function promptWindows(
  challenge: Pick<Challenge, 'steps'>,
  attemptStartMs: number,
  firstWindowMs: number,
  actionWindowMs: number,
): PromptWindow[] {
  let at = attemptStartMs;
  return challenge.steps.map((action, i) => {
    const length = i === 0 ? firstWindowMs : actionWindowMs;
    const window = { action, startMs: at, endMs: at + length };
    at += length;
    return window;
  });
}

/** Index of the window a capture time falls in: -1 before the first, `windows.length` after the last. */
export function windowIndexAt(windows: readonly PromptWindow[], atMs: number): number {
  const first = windows[0];
  if (!first || atMs < first.startMs) return -1;
  const i = windows.findIndex((w) => atMs < w.endMs);
  return i === -1 ? windows.length : i;
}

/** How much more of a frame budget a window's action needs: a blink lasts 100–300 ms, a turn is held. */
const WEIGHT: Record<ChallengeAction, number> = {
  look_straight: 1,
  turn_left: 1,
  turn_right: 1,
  look_up: 1,
  look_down: 1,
  blink: 4,
};

/**
 * Thin frames to at most `max`, keeping the sequence's shape: each window gets
 * a share of the budget by its action's weight (blink windows keep their frames
 * densest), spread evenly in time within the window. Frames are sorted by time.
 */
export function selectFrames<F extends { atMs: number }>(
  frames: readonly F[],
  windows: readonly PromptWindow[],
  max: number,
): F[] {
  if (frames.length <= max) return [...frames];
  const groups = windows.map((w, i) =>
    frames.filter((f) => f.atMs >= w.startMs && (f.atMs < w.endMs || i === windows.length - 1)),
  );
  const quota = groups.map(() => 0);
  // Hand out the budget one frame at a time to the window with the most weight per frame already given.
  for (let left = max; left > 0; left--) {
    let best = -1;
    let bestScore = -1;
    groups.forEach((g, i) => {
      const q = quota[i] as number;
      if (q >= g.length) return;
      const score = WEIGHT[(windows[i] as PromptWindow).action] / (q + 1);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best === -1) break;
    quota[best] = (quota[best] as number) + 1;
  }
  return groups.flatMap((g, i) => evenly(g, quota[i] as number));
}

function evenly<T>(items: readonly T[], count: number): T[] {
  if (count >= items.length) return [...items];
  if (count <= 0) return [];
  if (count === 1) return [items[Math.floor(items.length / 2)] as T];
  return Array.from({ length: count }, (_, k) => items[Math.round((k * (items.length - 1)) / (count - 1))] as T);
}
