import type { CapturedFrame, Challenge, ChallengeAction } from '../api/api-types';
import type { FaceView } from '../feedback/face-view';
import { sleep } from '../ui/dom';
import { ActionTracker } from './action-tracker';
import { dataUrlBytes, grabFrame } from './grab-frame';

/** Options for {@link runChallenge}. */
export interface RunChallengeOptions {
  challenge: Challenge;
  view: FaceView;
  framesPerSecond: number;
  maxFrames: number;
  maxFrameBytes: number;
  /** Longest time one prompt is shown, ms (capped by the challenge's step timeout). */
  promptMs: number;
  /** Called when a prompt starts (index, action). */
  onPrompt(index: number, action: ChallengeAction): void;
  signal: AbortSignal;
}

/** Frames kept after the action was seen, so the server sees it completed. */
const FRAMES_AFTER_ACTION = 2;

/**
 * Show the server's prompts in order and capture frames while they show, at
 * the server's frame rate, each stamped with ms since the challenge was shown.
 * A prompt moves on when the in-browser tracker sees the action (plus a couple
 * of frames) or when its time is up; the server judges the frames either way.
 */
export async function runChallenge(o: RunChallengeOptions): Promise<CapturedFrame[]> {
  const canvas = document.createElement('canvas');
  const frames: CapturedFrame[] = [];
  const shownAt = performance.now();
  const interval = 1000 / Math.max(1, o.framesPerSecond);
  const perPrompt = Math.max(1, Math.floor(o.maxFrames / o.challenge.steps.length));
  const window = Math.min(o.promptMs, o.challenge.stepTimeoutMs);
  for (const [index, action] of o.challenge.steps.entries()) {
    o.onPrompt(index, action);
    const tracker = new ActionTracker(action);
    const promptStart = performance.now();
    let taken = 0;
    let after = 0;
    while (!o.signal.aborted && taken < perPrompt && performance.now() - promptStart < window) {
      const image = grabFrame(o.view.video, canvas);
      if (dataUrlBytes(image) <= o.maxFrameBytes) {
        frames.push({ image, capturedAtMs: Math.round(performance.now() - shownAt) });
        taken++;
      }
      const faces = o.view.latest?.faces;
      tracker.observe(faces?.length === 1 ? faces[0]?.landmarks : undefined);
      if (tracker.done && ++after > FRAMES_AFTER_ACTION) break;
      await sleep(interval, o.signal);
    }
  }
  return frames;
}
