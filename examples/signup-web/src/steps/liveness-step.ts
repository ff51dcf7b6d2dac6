import { ApiError } from '../api/api-error';
import type { StepResponse } from '../api/api-types';
import type { App, StepContext, StepView } from '../app';
import { runChallenge } from '../liveness/run-challenge';
import { loadVendorComponent } from '../liveness/vendor-components';
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
    void runVendor(app, ctx, slot, status, error).then((r) => r && show(r), failed);
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
  ctx.onLeave(() => view.showPrompt(undefined));
  const { challenge } = await app.api.challenge();
  if (ctx.signal.aborted) return undefined;
  const frames = await runChallenge({
    challenge,
    view,
    framesPerSecond: app.config.framesPerSecond,
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
  });
  if (ctx.signal.aborted) return undefined;
  view.showPrompt(undefined);
  delete document.body.dataset.prompt;
  progress.textContent = '';
  prompt.textContent = '';
  status.textContent = t.liveness.sending;
  return app.api.frames(challenge.nonce, frames);
}

async function runVendor(
  app: App,
  ctx: StepContext,
  slot: HTMLElement,
  status: HTMLElement,
  error: HTMLElement,
): Promise<StepResponse | undefined> {
  // The vendor's component opens its own camera: ours must be off first, or it would find it busy.
  app.releaseCamera();
  status.textContent = t.liveness.vendorLoading;
  const session = await app.api.vendorSession();
  const component = await loadVendorComponent(session.client);
  if (ctx.signal.aborted) return undefined;
  status.textContent = '';
  if (!component) {
    error.textContent = t.liveness.vendorMissing;
    app.close('system');
    return undefined;
  }
  const finished = await new Promise<boolean>((resolve) => {
    const unmount = component({
      container: slot,
      client: session.client,
      onComplete: () => resolve(true),
      onError: (e) => {
        error.textContent = e.message;
        resolve(false);
      },
      onCancel: () => resolve(false),
    });
    ctx.onLeave(unmount);
    ctx.signal.addEventListener('abort', () => resolve(false), { once: true });
  });
  slot.replaceChildren();
  if (!finished || ctx.signal.aborted) return undefined;
  status.textContent = t.liveness.vendorWaiting;
  // The vendor may still be processing: ask again with a growing pause, for about half a minute at most.
  for (let i = 0; i < 12; i++) {
    const result = await app.api.vendorResult();
    if (!('pending' in result)) return result;
    await sleep(Math.min(4_000, 500 * 2 ** i), ctx.signal);
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
    // Back to the camera view: the person can fix what went wrong with live hints before the next challenge.
    { type: 'button', class: 'primary', 'data-testid': 'retry', onclick: () => app.go('camera') },
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
