import { ApiError } from './api/api-error';
import type { PageConfig, SessionView } from './api/api-types';
import type { SignupApi } from './api/signup-api';
import type { Camera } from './camera/open-camera';
import type { FaceView } from './feedback/face-view';
import { type ClosedKind, closedKind, closedKindOfError } from './outcome/describe-outcome';
import { t } from './strings';
import { type StepTimer, startStepTimer } from './timer/step-timer';
import { h } from './ui/dom';

/** The page's steps, in order (the progress list shows them). */
export const PAGE_STEPS = ['consent', 'camera', 'liveness', 'document', 'result', 'register', 'done'] as const;
/** A page step. */
export type PageStep = (typeof PAGE_STEPS)[number];

/** What a step gets while it is on screen. */
export interface StepContext {
  /** Aborted when the step is left: stop loops, ignore late answers. */
  signal: AbortSignal;
  /** Run this when the step is left (release devices, stop timers). */
  onLeave(fn: () => void): void;
  /** A message to show first (e.g. the step restarted). */
  notice?: string;
}

/** A step: builds its screen; runs until its signal aborts. */
export type StepView = (app: App, ctx: StepContext) => HTMLElement;

/** Steps, registered by main.ts (keeps app.ts free of every step's imports). */
export const STEP_VIEWS = new Map<PageStep | 'closed', StepView>();

/**
 * The page shell: progress list, step timer, the current step, and the one
 * place where steps are entered and left — leaving a step always aborts its
 * work, stops its timer and releases the camera unless the next step uses it.
 */
export class App {
  readonly main: HTMLElement;
  private readonly progress: HTMLOListElement;
  private readonly timerEl: HTMLElement;
  private leaving: (() => void)[] = [];
  private controller = new AbortController();
  private timer: StepTimer | undefined;
  current: PageStep | 'closed' = 'consent';
  session: SessionView | undefined;
  camera: Camera | undefined;
  faceView: FaceView | undefined;
  closedKind: ClosedKind = 'generic';
  closedError: ApiError | undefined;

  constructor(
    readonly root: HTMLElement,
    readonly api: SignupApi,
    readonly config: PageConfig,
    /** Longest time a liveness prompt is shown (ms). */
    readonly promptMs: number,
  ) {
    this.progress = h('ol', { class: 'progress', 'aria-label': t.appTitle });
    for (const step of PAGE_STEPS) this.progress.append(h('li', { 'data-step': step }, t.stepNames[step]));
    this.timerEl = h('p', { class: 'timer', role: 'timer', 'aria-label': t.timerLabel, hidden: true });
    this.main = h('main', { id: 'main', tabindex: '-1' });
    root.replaceChildren(h('header', {}, h('h1', {}, t.appTitle), this.progress, this.timerEl), this.main);
    // Leaving the page must turn the camera off too.
    window.addEventListener('pagehide', () => this.releaseCamera());
  }

  /** Enter a step: the previous one is left first. */
  go(step: PageStep | 'closed', notice?: string): void {
    this.leave(step);
    this.current = step;
    const controller = new AbortController();
    this.controller = controller;
    for (const li of this.progress.querySelectorAll('li')) {
      if (li.dataset.step === step) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    }
    document.body.dataset.step = step;
    const view = STEP_VIEWS.get(step);
    if (!view) throw new Error(`no view for step ${step}`);
    const el = view(this, { signal: controller.signal, onLeave: (fn) => this.leaving.push(fn), notice });
    this.main.replaceChildren(el);
    // Focus the new step's heading so keyboard and screen-reader users start there.
    const heading = el.querySelector<HTMLElement>('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  }

  private leave(next: PageStep | 'closed'): void {
    this.controller.abort();
    this.stopTimer();
    for (const fn of this.leaving.splice(0)) fn();
    if (next !== 'camera' && next !== 'liveness') this.releaseCamera();
  }

  /**
   * Where liveness starts: our camera view (media shape), or the vendor's
   * component directly (session shape: it opens the camera and guides itself).
   */
  get livenessEntry(): PageStep {
    return this.config.livenessShape === 'session' ? 'liveness' : 'camera';
  }

  /** Turn the camera off and stop the feedback loop. */
  releaseCamera(): void {
    this.faceView?.stop();
    this.faceView = undefined;
    this.camera?.release();
    this.camera = undefined;
  }

  /** Show the timer of the server step; on expiry the step is restarted on the server and entered again. */
  startTimer(session: SessionView): void {
    this.stopTimer();
    this.session = session;
    const step = this.current;
    this.timerEl.hidden = false;
    this.timer = startStepTimer({
      deadline: Date.parse(session.stepDeadline),
      offsetMs: this.api.clockOffsetMs,
      onTick: (s) => {
        this.timerEl.textContent = t.timer(s);
        this.timerEl.classList.toggle('low', s <= 10);
      },
      onExpire: () => void this.restartStep(step),
    });
  }

  private stopTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.timerEl.hidden = true;
  }

  /** The step's time ran out: ask the server for a fresh deadline and start the step over. */
  async restartStep(step: PageStep | 'closed' = this.current): Promise<void> {
    if (step === 'closed') return;
    this.controller.abort();
    try {
      const { session } = await this.api.restartStep();
      this.session = session;
      this.go(step === 'liveness' ? this.livenessEntry : step, t.timeUp);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Show a closed view (system error, duplicate, review, attempts used, expired). */
  close(kind: ClosedKind, error?: ApiError): void {
    this.closedKind = kind;
    this.closedError = error;
    this.go('closed');
  }

  /**
   * Handle a refusal or failure: system errors and closed signups get their
   * view; an expired step restarts; a step out of sync follows the server.
   * Returns false when the caller should show the error itself.
   */
  fail(error: unknown): boolean {
    if (!(error instanceof ApiError)) {
      this.close('generic');
      return true;
    }
    const closed = closedKindOfError(error);
    if (closed) {
      this.close(closed, error);
      return true;
    }
    if (error.code === 'step_expired') {
      void this.restartStep();
      return true;
    }
    if (error.code === 'out_of_order' || error.code === 'media_missing') {
      void this.resume();
      return true;
    }
    return false;
  }

  /** Continue where the server says this signup stands (after "try again" or a step out of sync). */
  async resume(): Promise<void> {
    try {
      const { session } = await this.api.current();
      this.session = session;
      if (session.status !== 'active') {
        if (session.status === 'completed') this.go('done');
        else this.close(closedKind(session));
        return;
      }
      const page: Record<string, PageStep> = {
        liveness: this.livenessEntry,
        document: 'document',
        match: 'result',
        uniqueness: 'result',
        register: 'register',
        done: 'done',
      };
      this.go(page[session.step] ?? 'consent');
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'no_session' || error.code === 'session_expired'))
        this.go('consent');
      else this.close('system', error instanceof ApiError ? error : undefined);
    }
  }
}
