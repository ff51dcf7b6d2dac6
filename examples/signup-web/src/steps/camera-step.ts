import { ApiError } from '../api/api-error';
import type { StepView } from '../app';
import { CameraError, openCamera, playInto } from '../camera/open-camera';
import { FaceView } from '../feedback/face-view';
import { t } from '../strings';
import { h } from '../ui/dom';
import { cancelButton } from './cancel-button';
import { errorBox, statusLine, stepFrame } from './step-frame';

/**
 * Camera: ask for the front camera, explain a refusal (denied, none, busy),
 * show the picture with the oval and live hints, and start the signup session
 * on the server once the camera works (its liveness deadline starts then).
 */
export const cameraStep: StepView = (app, ctx) => {
  const status = statusLine();
  const error = errorBox();
  const slot = h('div', { class: 'camera-slot' });
  const start = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      disabled: true,
      'data-testid': 'start-liveness',
      onclick: () => app.go('liveness'),
    },
    t.camera.start,
  );
  const retry = h(
    'button',
    { type: 'button', class: 'secondary', hidden: true, onclick: () => app.go('camera') },
    t.tryAgain,
  );
  const actions = h('div', { class: 'actions' }, start, retry, cancelButton(app));

  const run = async () => {
    status.textContent = t.camera.preparing;
    try {
      if (!app.camera) app.camera = await openCamera('user');
      if (ctx.signal.aborted) return;
      if (!app.faceView) app.faceView = new FaceView();
      slot.replaceChildren(app.faceView.el);
      await playInto(app.faceView.video, app.camera.stream);
      void app.faceView.start();
      let session = app.session;
      if (session?.status !== 'active' || session.step !== 'liveness') {
        session = (await app.api.start()).session;
      }
      if (ctx.signal.aborted) return;
      app.startTimer(session);
      status.textContent = '';
      start.disabled = false;
    } catch (e) {
      if (ctx.signal.aborted) return;
      status.textContent = '';
      if (e instanceof CameraError) {
        app.releaseCamera();
        error.textContent = t.camera.errors[e.problem] ?? t.camera.errors.unknown ?? '';
        error.dataset.problem = e.problem;
        start.hidden = true;
        retry.hidden = false;
        retry.focus();
      } else if (!(e instanceof ApiError) || !app.fail(e)) {
        error.textContent = e instanceof Error ? e.message : String(e);
      }
    }
  };
  void run();
  return stepFrame(t.camera.title, ctx.notice, h('p', {}, t.camera.intro), slot, status, error, actions);
};
