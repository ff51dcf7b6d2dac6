import type { SessionClientReport } from '@facegate/core';
import { ApiError } from '../api/api-error';
import type { StepResponse } from '../api/api-types';
import type { App, StepContext, StepView } from '../app';
import { runChallenge } from '../liveness/run-challenge';
import { showScreenLight } from '../liveness/screen-light';
import { type BrowserCredentials, loadVendorComponent, type VendorComponentError } from '../liveness/vendor-components';
import { describeCheck } from '../outcome/describe-outcome';
import { t } from '../strings';
import { h, sleep } from '../ui/dom';
import { cancelButton } from './cancel-button';
import { errorBox, statusLine, stepFrame } from './step-frame';

/**
 * Liveness. Media shape: get the server's challenge, show its prompts over the
 * camera picture while capturing frames, send them, show the verdict. Session
 * shape: mount the vendor's component and let the server fetch the verdict.
 */
export const livenessStep: StepView = (app, ctx) => {
  const status = statusLine();
  const error = errorBox();
  const slot = h('div', { class: 'camera-slot' });
  const progress = h('p', { class: 'prompt-progress', 'aria-live': 'off' });
  const prompt = h('p', { class: 'sr-only', 'aria-live': 'assertive', 'data-testid': 'prompt' });
  const actions = h('div', { class: 'actions' }, cancelButton(app));
  const section = stepFrame(
    t.liveness.title,
    ctx.notice,
    h('p', {}, t.liveness.intro),
    slot,
    progress,
    prompt,
    status,
    error,
    actions,
  );
  if (app.session) app.startTimer(app.session);

  const show = (response: StepResponse) => showVerdict(app, ctx, response, { status, error, actions, slot });
  const failed = (e: unknown) => {
    if (ctx.signal.aborted) return;
    status.textContent = '';
    if (e instanceof ApiError && app.fail(e)) return;
    if (e instanceof ApiError && (e.code === 'challenge_expired' || e.code === 'busy')) {
      error.textContent = `${e.message}`;
      actions.prepend(h('button', { type: 'button', class: 'primary', onclick: () => app.go('liveness') }, t.tryAgain));
      return;
    }
    error.textContent = e instanceof Error ? e.message : String(e);
  };

  if (app.config.livenessShape === 'session')
    void runVendor(app, ctx, slot, status, error, actions).then((r) => r && show(r), failed);
  else void runMedia(app, ctx, slot, progress, prompt, status).then((r) => r && show(r), failed);
  return section;
};

async function runMedia(
  app: App,
  ctx: StepContext,
  slot: HTMLElement,
  progress: HTMLElement,
  prompt: HTMLElement,
  status: HTMLElement,
): Promise<StepResponse | undefined> {
  const view = app.faceView;
  if (!view || !app.camera) {
    app.go('camera');
    return undefined;
  }
  slot.replaceChildren(view.el);
  ctx.onLeave(() => {
    view.showPrompt(undefined);
    showScreenLight(null);
  });
  const { challenge } = await app.api.challenge();
  if (ctx.signal.aborted) return undefined;
  const frames = await runChallenge({
    challenge,
    view,
    framesPerSecond: app.config.framesPerSecond,
    blinkFramesPerSecond: app.config.blinkFramesPerSecond ?? app.config.framesPerSecond,
    maxFrames: app.config.maxFrames,
    maxFrameBytes: app.config.maxFrameBytes,
    promptMs: app.promptMs,
    signal: ctx.signal,
    onPrompt: (index, action) => {
      const text = t.liveness.prompts[action] ?? action;
      progress.textContent = t.liveness.promptProgress(index + 1, challenge.steps.length);
      prompt.textContent = text;
      view.showPrompt(text);
      document.body.dataset.prompt = action;
    },
    onLight: showScreenLight,
  });
  if (ctx.signal.aborted) return undefined;
  view.showPrompt(undefined);
  delete document.body.dataset.prompt;
  progress.textContent = '';
  prompt.textContent = '';
  status.textContent = t.liveness.sending;
  return app.api.frames(challenge.nonce, frames);
}

/** How a mounted vendor component ended. */
type VendorEnd =
  | { type: 'done'; report: SessionClientReport }
  | { type: 'failed'; error: VendorComponentError }
  | { type: 'cancelled' }
  | { type: 'left' };

async function runVendor(
  app: App,
  ctx: StepContext,
  slot: HTMLElement,
  status: HTMLElement,
  error: HTMLElement,
  actions: HTMLElement,
): Promise<StepResponse | undefined> {
  // The vendor's component opens its own camera: ours must be off first, or it would find it busy.
  app.releaseCamera();
  status.textContent = t.liveness.vendorLoading;
  // Session-shape signups come here straight from consent: the signup starts now.
  if (app.session?.status !== 'active' || app.session.step !== 'liveness')
    app.session = (await app.api.start()).session;
  if (ctx.signal.aborted) return undefined;
  app.startTimer(app.session);
  const session = await app.api.vendorSession();
  const component = await loadVendorComponent(session.client);
  if (ctx.signal.aborted) return undefined;
  status.textContent = '';
  if (!component) {
    error.textContent = t.liveness.vendorMissing;
    app.close('system');
    return undefined;
  }
  // A session that expired under the component is replaced by a new one, with a note.
  let expired = false;
  // One set of credentials per session, as an AWS credential provider behaves: the SDK asks again for each
  // signature (URL, then every event), and they must all come from the same key.
  let issued: Promise<BrowserCredentials> | undefined;
  const fetchCredentials = async (): Promise<BrowserCredentials> => {
    try {
      const c = await app.api.vendorCredentials();
      return { ...c, expiration: new Date(c.expiration) };
    } catch (e) {
      issued = undefined;
      if (e instanceof ApiError && e.code === 'vendor_session_expired') expired = true;
      throw e;
    }
  };
  const credentials = async (): Promise<BrowserCredentials> => {
    issued ??= fetchCredentials();
    const current = await issued;
    if (current.expiration.getTime() > app.api.serverNow()) return current;
    issued = fetchCredentials();
    return issued;
  };
  const end = await new Promise<VendorEnd>((resolve) => {
    const unmount = component({
      container: slot,
      client: session.client as never,
      credentials,
      onComplete: (report) => resolve({ type: 'done', report }),
      onError: (e) => resolve({ type: 'failed', error: e }),
      onCancel: () => resolve({ type: 'cancelled' }),
    });
    ctx.onLeave(unmount);
    ctx.signal.addEventListener('abort', () => resolve({ type: 'left' }), { once: true });
  });
  slot.replaceChildren();
  if (end.type === 'left' || ctx.signal.aborted) return undefined;
  if (expired) {
    app.go('liveness', t.liveness.vendorExpired);
    return undefined;
  }
  if (end.type !== 'done') {
    if (end.type === 'failed' && end.error.kind === 'system') {
      app.close('system');
      return undefined;
    }
    // The session is single-use: "Try again" starts a new one.
    error.textContent = end.type === 'cancelled' ? t.liveness.vendorCancelled : end.error.message;
    error.dataset.problem = end.type === 'cancelled' ? 'cancelled' : end.error.vendorState;
    const again = h(
      'button',
      { type: 'button', class: 'primary', 'data-testid': 'retry', onclick: () => app.go('liveness') },
      t.tryAgain,
    );
    actions.prepend(again);
    again.focus();
    return undefined;
  }
  status.textContent = t.liveness.vendorWaiting;
  // The vendor may still be processing: ask again with a growing pause, for about half a minute at most.
  try {
    for (let i = 0; i < 12; i++) {
      const result = await app.api.vendorResult(end.report);
      if (!('pending' in result)) return result;
      await sleep(Math.min(4_000, 500 * 2 ** i), ctx.signal);
    }
  } catch (e) {
    if (e instanceof ApiError && e.code === 'vendor_session_expired') {
      app.go('liveness', t.liveness.vendorExpired);
      return undefined;
    }
    throw e;
  }
  throw new ApiError(503, 'provider_unavailable', t.closed.systemBody);
}

function showVerdict(
  app: App,
  ctx: StepContext,
  response: StepResponse,
  ui: { status: HTMLElement; error: HTMLElement; actions: HTMLElement; slot: HTMLElement },
): void {
  if (ctx.signal.aborted) return;
  app.session = response.session;
  ui.status.textContent = '';
  const view = describeCheck(response, t.liveness.failed);
  if (view.kind === 'closed') {
    app.close(view.closed);
    return;
  }
  const result = h('div', { class: `verdict ${view.kind}`, 'data-testid': 'verdict', 'data-outcome': view.kind });
  if (view.kind === 'pass') {
    // The camera is no longer needed: turn it off now rather than when the next step opens.
    app.releaseCamera();
    ui.slot.replaceChildren();
    const next = h('button', { type: 'button', class: 'primary', onclick: () => app.go('document') }, t.continue);
    result.append(h('p', { role: 'status' }, t.liveness.passed), next);
    ui.actions.replaceChildren();
    ui.slot.after(result);
    next.focus();
    return;
  }
  const again = h(
    'button',
    // Back to the camera view (live hints help fix what went wrong), or straight to a new vendor session.
    { type: 'button', class: 'primary', 'data-testid': 'retry', onclick: () => app.go(app.livenessEntry) },
    t.tryAgain,
  );
  result.append(
    h(
      'p',
      { role: 'alert' },
      t.liveness.failed,
      ' ',
      ...view.messages.map((m) => h('span', { class: 'reason' }, m, ' ')),
    ),
    h('p', { class: 'attempts', 'data-testid': 'attempts-left' }, t.attemptsLeft(view.attemptsLeft)),
    again,
  );
  ui.slot.after(result);
  // The server gave this step a fresh deadline with the retry.
  app.startTimer(response.session);
  again.focus();
}
