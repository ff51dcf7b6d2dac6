/**
 * The colour part of a bound challenge: a server-chosen random sequence of
 * colours the page shows full-screen while it captures. The face, close to the
 * screen, reflects each colour; frames recorded under another sequence (or
 * none) do not follow this one.
 */
import { z } from 'zod';

/** Colours a light sequence draws from: far apart in chromaticity, so a reflection shows which one was on. */
export const LIGHT_COLORS = ['red', 'green', 'blue', 'yellow', 'magenta', 'cyan'] as const;
/** One colour of a light sequence. */
export type LightColor = (typeof LIGHT_COLORS)[number];

/** The sRGB value the page fills the screen with for each colour. */
export const LIGHT_RGB: Readonly<Record<LightColor, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  magenta: [255, 0, 255],
  cyan: [0, 255, 255],
};

/**
 * Shortest and longest time one colour stays on, ms: long enough for the camera to settle and a frame or two at
 * 10 frames/s, short enough that a capture of a few seconds shows many colours (each one a replay must guess).
 */
export const LIGHT_SEGMENT_MS = { min: 300, max: 450 } as const;

/** A capture under a colour sequence lasts at least this long, ms (about eight colours). */
export const LIGHT_MIN_CAPTURE_MS = 3000;

export const lightSequenceSchema = z
  .strictObject({
    /** Colours in order; each shows from its `fromMs` (ms since the challenge was shown) until the next one's. */
    segments: z
      .array(z.strictObject({ color: z.enum(LIGHT_COLORS), fromMs: z.number().int().min(0).max(120_000) }))
      .min(3)
      .max(64),
  })
  .superRefine((light, ctx) => {
    const s = light.segments;
    if (s[0]?.fromMs !== 0) ctx.addIssue({ code: 'custom', message: 'the first colour shows from 0 ms' });
    for (let i = 1; i < s.length; i++) {
      const prev = s[i - 1];
      const cur = s[i];
      if (!prev || !cur) continue;
      if (cur.fromMs - prev.fromMs < LIGHT_SEGMENT_MS.min)
        ctx.addIssue({ code: 'custom', message: `colour ${i} shows for less than ${LIGHT_SEGMENT_MS.min} ms` });
      if (cur.color === prev.color) ctx.addIssue({ code: 'custom', message: `colour ${i} repeats the one before` });
    }
  });
/** A light sequence. */
export type LightSequence = z.infer<typeof lightSequenceSchema>;

/** The colour on screen at `atMs` (ms since the challenge was shown). */
export function lightAt(light: LightSequence, atMs: number): LightColor | null {
  let color: LightColor | null = null;
  for (const s of light.segments) if (s.fromMs <= atMs) color = s.color;
  return color;
}

/** A random sequence covering `spanMs`: segments of LIGHT_SEGMENT_MS, no colour twice in a row. */
export function createLightSequence(spanMs: number, pick: (max: number) => number): LightSequence {
  const segments: LightSequence['segments'] = [];
  let at = 0;
  let previous: LightColor | null = null;
  while (at < spanMs || segments.length < 3) {
    const choices = LIGHT_COLORS.filter((c) => c !== previous);
    const color = choices[pick(choices.length)] as LightColor;
    segments.push({ color, fromMs: at });
    previous = color;
    at += LIGHT_SEGMENT_MS.min + 50 * pick((LIGHT_SEGMENT_MS.max - LIGHT_SEGMENT_MS.min) / 50 + 1);
  }
  return { segments };
}
