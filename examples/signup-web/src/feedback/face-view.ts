import type { FrameObservation } from '../detector/face-observation';
import type { FaceDetector } from '../detector/load-detector';
import { loadDetector } from '../detector/load-detector';
import { t } from '../strings';
import { h, svg } from '../ui/dom';
import { faceHint, type Hint } from './face-feedback';
import { meanLumaInOval } from './luma';
import { ovalFor } from './oval';

/** Most feedback updates per second (more would only burn the battery). */
const MAX_RATE_HZ = 10;
/** A hint must hold this long before a screen reader is told (the visible one updates at once). */
const ANNOUNCE_AFTER_MS = 1200;

/**
 * The camera picture with the face oval and live feedback. The detector runs
 * in the page on every frame it can (up to 10 per second); the hint shown is
 * recomputed each time. The measured update rate is exposed in
 * `data-feedback-rate` (updates per second over the last 2 s).
 */
export class FaceView {
  readonly el: HTMLElement;
  readonly video: HTMLVideoElement;
  private readonly hintEl: HTMLElement;
  private readonly liveEl: HTMLElement;
  private readonly ellipse: SVGEllipseElement;
  private readonly overlay: SVGSVGElement;
  private readonly lumaCanvas = document.createElement('canvas');
  private detector: FaceDetector | undefined;
  private stopped = false;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private previous: FrameObservation | undefined;
  private stamps: number[] = [];
  private announced: Hint | undefined;
  private hintSince = 0;
  /** The latest observation, for the challenge tracker. */
  latest: FrameObservation | undefined;
  hint: Hint | 'loading' = 'loading';
  updates = 0;
  /** Hints are hidden while a challenge prompt speaks (a turn is not "hold still"). */
  quiet = false;

  constructor() {
    this.video = h('video', { class: 'camera', 'aria-label': t.camera.videoLabel, muted: true, playsinline: true });
    this.ellipse = svg('ellipse', { class: 'oval-line' });
    const hole = svg('ellipse', { fill: 'black' });
    this.overlay = svg(
      'svg',
      { class: 'oval', 'aria-hidden': 'true', preserveAspectRatio: 'xMidYMid slice' },
      svg(
        'defs',
        {},
        svg('mask', { id: 'oval-hole' }, svg('rect', { width: '100%', height: '100%', fill: 'white' }), hole),
      ),
      svg('rect', { width: '100%', height: '100%', class: 'oval-dim', mask: 'url(#oval-hole)' }),
      this.ellipse,
    );
    this.hintEl = h('p', { class: 'hint', 'aria-hidden': 'true', 'data-testid': 'feedback' }, t.feedback.loading ?? '');
    this.liveEl = h('p', { class: 'sr-only', 'aria-live': 'polite' });
    this.el = h(
      'div',
      { class: 'face-view' },
      h('div', { class: 'stage' }, this.video, this.overlay),
      this.hintEl,
      this.liveEl,
    );
    this.placeOval(640, 480, hole);
  }

  /** Start feedback on the playing video. Resolves once the detector is loaded (or could not be). */
  async start(): Promise<boolean> {
    if (this.running) return this.detector !== undefined;
    this.running = true;
    this.placeOval(this.video.videoWidth || 640, this.video.videoHeight || 480);
    try {
      this.detector = await loadDetector();
      if (this.stopped) return false;
      this.el.dataset.backend = this.detector.backend;
      this.loop();
      return true;
    } catch (error) {
      // The check still works without hints; say why in the console for whoever debugs the device.
      console.warn('face detector unavailable:', error);
      this.hintEl.textContent = t.camera.detectorUnavailable;
      this.el.dataset.backend = 'none';
      return false;
    }
  }

  /** Stop the loop (the camera itself belongs to the caller). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Updates per second over the last two seconds. */
  rate(): number {
    const now = performance.now();
    const recent = this.stamps.filter((s) => now - s <= 2_000);
    if (recent.length < 2) return 0;
    return (recent.length - 1) / (((recent.at(-1) as number) - (recent[0] as number)) / 1000);
  }

  private placeOval(width: number, height: number, hole?: SVGEllipseElement): void {
    const o = ovalFor(width, height);
    this.overlay.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const targets = [this.ellipse, hole ?? (this.overlay.querySelector('mask ellipse') as SVGEllipseElement)];
    for (const e of targets) {
      e.setAttribute('cx', String(o.cx));
      e.setAttribute('cy', String(o.cy));
      e.setAttribute('rx', String(o.rx));
      e.setAttribute('ry', String(o.ry));
    }
  }

  private loop = async (): Promise<void> => {
    if (this.stopped || !this.detector) return;
    const started = performance.now();
    try {
      if (this.video.readyState >= 2 && this.video.videoWidth > 0) this.observe(await this.detector.detect(this.video));
    } catch {
      // One failed frame (a resize, a tab switch) is not worth stopping the feedback for.
    }
    if (this.stopped) return;
    const spent = performance.now() - started;
    this.timer = setTimeout(this.loop, Math.max(0, 1000 / MAX_RATE_HZ - spent));
  };

  private observe(faces: FrameObservation['faces']): void {
    const width = this.video.videoWidth;
    const height = this.video.videoHeight;
    if (this.overlay.getAttribute('viewBox') !== `0 0 ${width} ${height}`) this.placeOval(width, height);
    const observation: FrameObservation = {
      faces,
      luma: this.luma(width, height),
      width,
      height,
      at: performance.now(),
    };
    const hint = faceHint(observation, this.previous);
    this.previous = observation;
    this.latest = observation;
    this.updates++;
    this.stamps.push(observation.at);
    if (this.stamps.length > 40) this.stamps.shift();
    this.el.dataset.updates = String(this.updates);
    this.el.dataset.feedbackRate = this.rate().toFixed(1);
    if (hint !== this.hint) this.hintSince = observation.at;
    this.hint = hint;
    this.el.dataset.hint = hint;
    this.el.classList.toggle('ok', hint === 'ok');
    if (this.quiet) return;
    this.hintEl.textContent = t.feedback[hint] ?? '';
    if (hint !== this.announced && observation.at - this.hintSince >= ANNOUNCE_AFTER_MS) {
      this.announced = hint;
      this.liveEl.textContent = t.feedback[hint] ?? '';
    }
  }

  /** Mean luma inside the oval, on a 64-pixel-wide copy of the frame. */
  private luma(width: number, height: number): number {
    const w = 64;
    const hgt = Math.max(1, Math.round((height / width) * w));
    this.lumaCanvas.width = w;
    this.lumaCanvas.height = hgt;
    // willReadFrequently: the canvas is read every frame (avoids the GPU read-back warning Amplify users hit).
    const ctx = this.lumaCanvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) return 128;
    ctx.drawImage(this.video, 0, 0, w, hgt);
    return meanLumaInOval(ctx.getImageData(0, 0, w, hgt).data, w, hgt, ovalFor(width, height), width / w);
  }

  /** Show a challenge prompt in place of the hint. */
  showPrompt(text: string | undefined): void {
    this.quiet = text !== undefined;
    this.hintEl.textContent = text ?? t.feedback[this.hint] ?? '';
    this.hintEl.classList.toggle('prompt', text !== undefined);
  }
}
