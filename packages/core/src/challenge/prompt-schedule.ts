/**
 * The timing part of a bound challenge: the server draws when each prompt
 * shows, so a step only counts in its own prompt's window and frames recorded
 * for another challenge (other times) do not line up with this one.
 */
import { z } from 'zod';

export const promptScheduleSchema = z.strictObject({
  /** When each step's prompt shows, ms since the challenge was shown (one per step, the first at 0). */
  promptsAtMs: z.array(z.number().int().min(0).max(120_000)).min(1).max(8),
  /** When the capture ends, ms since the challenge was shown. */
  endMs: z.number().int().min(1).max(120_000),
});
/** A prompt schedule. */
export type PromptSchedule = z.infer<typeof promptScheduleSchema>;

/** How long the opening look_straight prompt and each action prompt show, ms (drawn in 50 ms steps). */
export const PROMPT_MS = { straight: { min: 800, max: 1100 }, action: { min: 1300, max: 1700 } } as const;

/** A step may still be seen this long after the next prompt showed (the person is still finishing it), ms. */
export const PROMPT_LATE_MS = 400;
/** A step is not counted earlier than this after its own prompt showed (nobody reacts faster), ms. */
export const PROMPT_REACTION_MS = 150;

const draw = (range: { min: number; max: number }, pick: (max: number) => number) =>
  range.min + 50 * pick((range.max - range.min) / 50 + 1);

/** Random prompt times for `stepCount` steps (the first is the opening look_straight). */
export function createPromptSchedule(stepCount: number, pick: (max: number) => number): PromptSchedule {
  const promptsAtMs: number[] = [];
  let at = 0;
  for (let i = 0; i < stepCount; i++) {
    promptsAtMs.push(at);
    at += draw(i === 0 ? PROMPT_MS.straight : PROMPT_MS.action, pick);
  }
  return { promptsAtMs, endMs: at };
}

/** Problems of a schedule against its challenge's steps and step timeout (empty when it fits). */
export function scheduleProblems(schedule: PromptSchedule, stepCount: number, stepTimeoutMs: number): string[] {
  const p = schedule.promptsAtMs;
  const problems: string[] = [];
  if (p.length !== stepCount) problems.push(`schedule has ${p.length} prompt times for ${stepCount} steps`);
  if (p[0] !== 0) problems.push('the first prompt shows at 0 ms');
  const ends = [...p.slice(1), schedule.endMs];
  for (let i = 0; i < p.length; i++) {
    const gap = (ends[i] ?? 0) - (p[i] ?? 0);
    if (gap <= 0) problems.push(`prompt ${i} does not come before the next one`);
    else if (gap > stepTimeoutMs) problems.push(`prompt ${i} shows longer than the step timeout`);
  }
  return problems;
}
