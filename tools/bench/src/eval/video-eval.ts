// The video section of `pnpm eval`: real recordings of live people, cut into
// windows that answer one challenge, judged by the offline engine; BPCER on the
// bona fide windows, false actions on the windows where the person does not do
// the asked action.
import { randomBytes } from 'node:crypto';
import type { Challenge, Facegate } from '@facegate/core';
import sharp from 'sharp';
import {
  type CaptureProfile,
  type ClipWindow,
  type CutFrame,
  cutWindow,
  type FrameEncoder,
} from '../../../../test-support/clip-windows';

/** The page's encoding: width capped, JPEG at the profile's quality. */
export const pageJpeg: FrameEncoder = async (png, profile) =>
  new Uint8Array(
    await sharp(png)
      .resize({ width: profile.maxWidth, withoutEnlargement: true })
      .jpeg({ quality: profile.jpegQuality })
      .toBuffer(),
  );

/** One judged window. */
export interface WindowOutcome {
  id: string;
  profile: string;
  truth: ClipWindow['truth'];
  challenge: string;
  frames: number;
  outcome: string;
  reasons: string[];
  confidence: number | null;
  /** The engine's per-step margins (raw response), when present. */
  margins: string;
}

/** A challenge for the window's steps, issued now (5 s per step, as the signup server issues them). */
export function windowChallenge(w: ClipWindow, now = new Date()): Challenge {
  const steps = [...w.steps];
  return {
    nonce: randomBytes(16).toString('hex'),
    steps,
    issuedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 5_000 * (steps.length + 1)).toISOString(),
    stepTimeoutMs: 5_000,
  };
}

function marginsOf(raw: unknown): string {
  const steps = (raw as { body?: { steps?: { action: string; margin: number | null }[] } } | undefined)?.body?.steps;
  return steps ? steps.map((s) => `${s.action}:${s.margin ?? '–'}`).join(' ') : '';
}

/** Submit one window's frames against `challenge` and record the outcome. */
export async function judgeFrames(
  client: Facegate,
  frames: CutFrame[],
  challenge: Challenge,
): Promise<Pick<WindowOutcome, 'outcome' | 'reasons' | 'confidence' | 'margins'>> {
  try {
    const result = await client.checkLiveness({ media: { kind: 'frames', frames }, challenge });
    return {
      outcome: result.decision.outcome,
      reasons: result.decision.reasons,
      confidence: result.confidence,
      margins: marginsOf(result.raw),
    };
  } catch (error) {
    return {
      outcome: `error:${(error as { code?: string }).code ?? 'unknown'}`,
      reasons: [],
      confidence: null,
      margins: '',
    };
  }
}

/** Judge every window under every capture profile. */
export async function evaluateWindows(
  client: Facegate,
  windows: ClipWindow[],
  profiles: CaptureProfile[],
  onWindow: () => void = () => {},
): Promise<WindowOutcome[]> {
  const out: WindowOutcome[] = [];
  for (const profile of profiles)
    for (const w of windows) {
      const frames = await cutWindow(w, profile, pageJpeg);
      const challenge = windowChallenge(w);
      const judged = await judgeFrames(client, frames, challenge);
      out.push({
        id: w.id,
        profile: profile.name,
        truth: w.truth,
        challenge: challenge.steps.join(' → '),
        frames: frames.length,
        ...judged,
      });
      onWindow();
    }
  return out;
}

/** Per profile: bona fide windows passed and no-action windows (wrongly) passed. */
export interface WindowSummary {
  profile: string;
  bonaFide: number;
  bonaFidePassed: number;
  bpcer: number | null;
  noAction: number;
  /** No-action windows that passed: a blink or a turn seen that did not happen. */
  falseActions: number;
}

export function summariseWindows(outcomes: WindowOutcome[]): WindowSummary[] {
  const profiles = [...new Set(outcomes.map((o) => o.profile))];
  return profiles.map((profile) => {
    const mine = outcomes.filter((o) => o.profile === profile);
    const bona = mine.filter((o) => o.truth === 'bona_fide');
    const none = mine.filter((o) => o.truth === 'no_action');
    const passed = bona.filter((o) => o.outcome === 'pass').length;
    return {
      profile,
      bonaFide: bona.length,
      bonaFidePassed: passed,
      bpcer: bona.length === 0 ? null : (bona.length - passed) / bona.length,
      noAction: none.length,
      falseActions: none.filter((o) => o.outcome === 'pass').length,
    };
  });
}
