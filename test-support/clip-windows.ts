// Clip windows for `pnpm eval --sections video` and the engine's clip tests: windows of
// real recordings, each answering one challenge, cut into frames the way the
// signup page captures them (frame rate, burst during the blink prompt, width,
// JPEG quality).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from './fixtures';

type Step = 'look_straight' | 'turn_left' | 'turn_right' | 'look_up' | 'look_down' | 'blink';
const STEPS: readonly string[] = ['look_straight', 'turn_left', 'turn_right', 'look_up', 'look_down', 'blink'];

/** One window of a clip. */
export interface ClipWindow {
  id: string;
  file: string;
  start: number;
  end: number;
  /** [x, y, w, h] in source pixels. */
  crop?: [number, number, number, number];
  scaleTo?: [number, number];
  /** When each step's prompt shows, s from the window's start. */
  promptsAt?: number[];
  steps: Step[];
  /** bona_fide: a live person doing what the steps ask; no_action: a live person not doing the last step. */
  truth: 'bona_fide' | 'no_action';
}

function checkWindow(w: ClipWindow): ClipWindow {
  const ok =
    typeof w.id === 'string' &&
    typeof w.file === 'string' &&
    w.start >= 0 &&
    w.end > w.start &&
    Array.isArray(w.steps) &&
    w.steps.length > 0 &&
    w.steps.every((s) => STEPS.includes(s)) &&
    (w.truth === 'bona_fide' || w.truth === 'no_action');
  if (!ok) throw new Error(`windows manifest: bad window ${JSON.stringify(w)}`);
  return w;
}

/** The windows listed in `fixtures/video/windows.json` (or another manifest of the same shape). */
export function readClipWindows(path = fixturePath('video/windows.json')): ClipWindow[] {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { windows: ClipWindow[] };
  return parsed.windows.map(checkWindow);
}

/** One window by id. */
export function clipWindow(id: string): ClipWindow {
  const w = readClipWindows().find((x) => x.id === id);
  if (!w) throw new Error(`no window ${id} in fixtures/video/windows.json`);
  return w;
}

/** Native frame rate of each clip, from `fixtures/video/manifest.json`. */
export function clipFrameRates(path = fixturePath('video/manifest.json')): Map<string, number> {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { files: { file: string; fps: number }[] };
  return new Map(parsed.files.map((f) => [f.file, f.fps]));
}

/** How the page captures: a frame rate, a faster burst during the blink prompt, a width cap, JPEG quality. */
export interface CaptureProfile {
  name: string;
  fps: number;
  /** Frame rate while the blink prompt shows (same as `fps` when there is no burst). */
  blinkFps: number;
  maxWidth: number;
  /** JPEG quality 1–100 (the page's canvas 0.85 ≈ 85). */
  jpegQuality: number;
}

/** The signup page today (examples/signup-web: 10 frames/s, 15 frames/s during the blink prompt, ≤ 640 px, JPEG 0.85). */
export const PAGE_CAPTURE: CaptureProfile = { name: 'page', fps: 10, blinkFps: 15, maxWidth: 640, jpegQuality: 85 };
/** A plain 10 frames/s capture without a burst (the CLI's `--challenge` on a recording, eSignet-like). */
export const PLAIN_10FPS: CaptureProfile = { name: '10 fps', fps: 10, blinkFps: 10, maxWidth: 640, jpegQuality: 85 };

/** When each step's prompt is shown (s from the window's start). */
export function promptTimes(w: ClipWindow): number[] {
  if (w.promptsAt) return w.promptsAt;
  const span = w.end - w.start;
  const rest = w.steps.length - 1;
  return w.steps.map((_, i) => (i === 0 ? 0 : Math.min(0.6, span / 2) + ((i - 1) * (span - 0.6)) / Math.max(1, rest)));
}

/** Capture times (s from the window's start): `fps` normally, `blinkFps` while a blink prompt shows. */
export function captureTimes(w: ClipWindow, profile: CaptureProfile): number[] {
  const prompts = promptTimes(w);
  const span = w.end - w.start;
  const times: number[] = [];
  let t = 0;
  while (t < span - 1e-9) {
    times.push(t);
    let step = 0;
    for (let i = 0; i < prompts.length; i++) if (t >= (prompts[i] ?? 0)) step = i;
    t += 1 / (w.steps[step] === 'blink' ? profile.blinkFps : profile.fps);
  }
  return times;
}

/** A frame as the page uploads it. */
export interface CutFrame {
  image: Uint8Array;
  capturedAtMs: number;
}

/** Encode decoded PNG bytes as the page's JPEG (width cap, quality); the caller brings its image library. */
export type FrameEncoder = (png: Uint8Array, profile: CaptureProfile) => Promise<Uint8Array>;

/**
 * Decode the window at the clip's native rate (ffmpeg), pick the frame shown
 * at each capture time, crop/scale as the window says, then `encode` each
 * (width cap, JPEG quality).
 */
export async function cutWindow(
  w: ClipWindow,
  profile: CaptureProfile,
  encode: FrameEncoder,
  nativeFps = clipFrameRates().get(w.file),
): Promise<CutFrame[]> {
  if (!nativeFps) throw new Error(`${w.file}: not in fixtures/video/manifest.json`);
  const dir = mkdtempSync(join(tmpdir(), 'facegate-eval-clip-'));
  try {
    const filters = [`fps=${nativeFps}`];
    if (w.crop) filters.push(`crop=${w.crop[2]}:${w.crop[3]}:${w.crop[0]}:${w.crop[1]}`);
    if (w.scaleTo) filters.push(`scale=${w.scaleTo[0]}:${w.scaleTo[1]}:flags=bicubic`);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-ss',
      String(w.start),
      '-t',
      String(w.end - w.start),
      '-i',
      fixturePath(`video/${w.file}`),
      '-vf',
      filters.join(','),
      join(dir, 'f%04d.png'),
    ]);
    const decoded = readdirSync(dir).sort();
    const frames: CutFrame[] = [];
    for (const t of captureTimes(w, profile)) {
      const file = decoded[Math.min(decoded.length - 1, Math.floor(t * nativeFps + 1e-6))];
      if (!file) break;
      const image = await encode(new Uint8Array(readFileSync(join(dir, file))), profile);
      frames.push({ image, capturedAtMs: Math.round(t * 1000) });
    }
    return frames;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
