import type { CapturedFrame, Challenge, ChallengeAction, LightColor } from '../api/api-types';
import type { FaceView } from '../feedback/face-view';
import { sleep } from '../ui/dom';
import { ActionTracker } from './action-tracker';
import { dataUrlBytes, grabFrame } from './grab-frame';
import { newFrameWatch } from './new-frame-watch';

/** Options for {@link runChallenge}. */
export interface RunChallengeOptions {
  challenge: Challenge;
  view: FaceView;
  framesPerSecond: number;
  /** Frame rate while the blink prompt shows (a blink lasts 100–200 ms). */
  blinkFramesPerSecond: number;
  maxFrames: number;
  maxFrameBytes: number;
  /** Longest time one prompt is shown, ms (capped by the challenge's step timeout); unscheduled challenges only. */
  promptMs: number;
  /** Called when a prompt starts (index, action). */
  onPrompt(index: number, action: ChallengeAction): void;
  /** Called when the screen colour changes (null: back to the page's own). */
  onLight(color: LightColor | null): void;
  signal: AbortSignal;
}

/** Frames kept after the action was seen, so the server sees it completed. */
const FRAMES_AFTER_ACTION = 2;

/**
 * Show the server's prompts in order and capture frames while they show,
 * each stamped with ms since the challenge was shown. A scheduled challenge
 * (the server drew the prompt times and a colour sequence) is followed to the
 * millisecond: each prompt at its time, each colour full-screen at its time,
 * frames at the server's rate (faster during a blink prompt) until the end.
 * Otherwise a prompt moves on when the in-browser tracker sees the action
 * (plus a couple of frames) or when its time is up. The server judges the
 * frames either way; a camera frame is never sent twice.
 */
export async function runChallenge(o: RunChallengeOptions): Promise<CapturedFrame[]> {
  const canvas = document.createElement('canvas');
  const frames: CapturedFrame[] = [];
  const fresh = newFrameWatch(o.view.video);
  const shownAt = performance.now();
  const elapsed = () => performance.now() - shownAt;
  const take = () => {
    if (frames.length >= o.maxFrames || !fresh.hasNewFrame()) return false;
    const image = grabFrame(o.view.video, canvas);
    if (dataUrlBytes(image) > o.maxFrameBytes) return false;
    frames.push({ image, capturedAtMs: Math.round(elapsed()) });
    return true;
  };
  const rate = (action: ChallengeAction) =>
    1000 / Math.max(1, action === 'blink' ? o.blinkFramesPerSecond : o.framesPerSecond);
  try {
    const schedule = o.challenge.schedule;
    if (schedule) {
      const stopLight = o.challenge.light ? playLight(o.challenge.light.segments, shownAt, o.onLight) : () => {};
      try {
        let prompt = -1;
        while (!o.signal.aborted && elapsed() < schedule.endMs) {
          const now = elapsed();
          let current = 0;
          for (const [i, at] of schedule.promptsAtMs.entries()) if (now >= at) current = i;
          const action = o.challenge.steps[current] ?? 'look_straight';
          if (current !== prompt) {
            prompt = current;
            o.onPrompt(current, action);
          }
          const started = performance.now();
          take();
          await sleep(Math.max(0, rate(action) - (performance.now() - started)), o.signal);
        }
      } finally {
        stopLight();
      }
      return frames;
    }
    const perPrompt = Math.max(1, Math.floor(o.maxFrames / o.challenge.steps.length));
    const window = Math.min(o.promptMs, o.challenge.stepTimeoutMs);
    for (const [index, action] of o.challenge.steps.entries()) {
      o.onPrompt(index, action);
      const tracker = new ActionTracker(action);
      const promptStart = performance.now();
      let taken = 0;
      let after = 0;
      while (!o.signal.aborted && taken < perPrompt && performance.now() - promptStart < window) {
        if (take()) taken++;
        const faces = o.view.latest?.faces;
        tracker.observe(faces?.length === 1 ? faces[0]?.landmarks : undefined);
        if (tracker.done && ++after > FRAMES_AFTER_ACTION) break;
        await sleep(rate(action), o.signal);
      }
    }
    return frames;
  } finally {
    fresh.stop();
  }
}

/** Switch the screen colour at each segment's time (ms after `shownAt`); returns a stop function. */
function playLight(
  segments: readonly { color: LightColor; fromMs: number }[],
  shownAt: number,
  onLight: (color: LightColor | null) => void,
): () => void {
  const timers = segments.map((s) =>
    setTimeout(() => onLight(s.color), Math.max(0, s.fromMs - (performance.now() - shownAt))),
  );
  return () => {
    for (const t of timers) clearTimeout(t);
    onLight(null);
  };
}
