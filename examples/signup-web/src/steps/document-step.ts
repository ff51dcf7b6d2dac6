import { ApiError } from '../api/api-error';
import type { StepView } from '../app';
import { CameraError, openCamera, playInto } from '../camera/open-camera';
import { fileProblem, readAsDataUrl } from '../document/read-document';
import { grabFrame } from '../liveness/grab-frame';
import { describeCheck } from '../outcome/describe-outcome';
import { t } from '../strings';
import { h } from '../ui/dom';
import { cancelButton } from './cancel-button';
import { errorBox, statusLine, stepFrame } from './step-frame';

/**
 * ID document: upload a photo or take one with the camera (the back one where
 * there is one), preview it, send it; show the face the server cropped from it.
 */
export const documentStep: StepView = (app, ctx) => {
  const status = statusLine();
  const error = errorBox();
  const preview = h('div', { class: 'doc-preview' });
  let chosen: { dataUrl: string; filename?: string } | undefined;
  let releaseCamera: (() => void) | undefined;
  ctx.onLeave(() => releaseCamera?.());
  if (app.session) app.startTimer(app.session);

  const input = h('input', {
    type: 'file',
    id: 'doc-file',
    accept: 'image/jpeg,image/png,image/webp',
    'aria-describedby': 'doc-file-hint',
    'data-testid': 'doc-file',
  });
  const send = h(
    'button',
    { type: 'button', class: 'primary', hidden: true, 'data-testid': 'doc-send' },
    t.document.send,
  );
  const useCamera = h('button', { type: 'button', class: 'secondary' }, t.document.capture);

  const showChosen = (dataUrl: string, filename?: string) => {
    const img = h('img', { src: dataUrl, alt: t.document.previewAlt, class: 'doc-image' });
    // A file that claims to be a photo but does not decode is refused here, before it is sent.
    img.addEventListener('error', () => {
      chosen = undefined;
      preview.replaceChildren();
      send.hidden = true;
      error.textContent = t.document.notImage;
    });
    img.addEventListener('load', () => {
      send.hidden = false;
      send.focus();
    });
    chosen = { dataUrl, filename };
    send.hidden = true;
    preview.replaceChildren(img);
  };

  input.addEventListener('change', async () => {
    error.textContent = '';
    const file = input.files?.[0];
    if (!file) return;
    const problem = fileProblem(file);
    if (problem) {
      error.textContent = problem === 'not_image' ? t.document.notImage : t.document.tooLarge;
      preview.replaceChildren();
      send.hidden = true;
      chosen = undefined;
      return;
    }
    const dataUrl = await readAsDataUrl(file);
    if (!ctx.signal.aborted) showChosen(dataUrl, file.name);
  });

  useCamera.addEventListener('click', async () => {
    error.textContent = '';
    try {
      const camera = await openCamera('environment');
      if (ctx.signal.aborted) return camera.release();
      releaseCamera = () => camera.release();
      const video = h('video', {
        class: 'camera doc-camera',
        'aria-label': t.document.cameraVideoLabel,
        muted: true,
        playsinline: true,
      });
      const shoot = h('button', { type: 'button', class: 'primary' }, t.document.takePhoto);
      preview.replaceChildren(video, shoot);
      await playInto(video, camera.stream);
      shoot.focus();
      shoot.addEventListener('click', () => {
        const dataUrl = grabFrame(video, document.createElement('canvas'), 0.92);
        camera.release();
        releaseCamera = undefined;
        showChosen(dataUrl, 'camera.jpg');
      });
    } catch (e) {
      error.textContent =
        e instanceof CameraError ? (t.camera.errors[e.problem] ?? '') : (t.camera.errors.unknown ?? '');
    }
  });

  send.addEventListener('click', async () => {
    if (!chosen) return;
    send.disabled = true;
    error.textContent = '';
    status.textContent = t.document.sending;
    try {
      const response = await app.api.document(chosen.dataUrl, chosen.filename);
      if (ctx.signal.aborted) return;
      status.textContent = '';
      app.session = response.session;
      const view = describeCheck(response, t.document.rejected);
      if (view.kind === 'closed') return app.close(view.closed);
      if (view.kind === 'retry') {
        error.replaceChildren(
          h('p', {}, t.document.rejected, ' ', ...view.messages.map((m) => `${m} `)),
          h('p', { 'data-testid': 'attempts-left' }, t.attemptsLeft(view.attemptsLeft)),
        );
        send.hidden = true;
        send.disabled = false;
        app.startTimer(response.session);
        input.focus();
        return;
      }
      const next = h('button', { type: 'button', class: 'primary', onclick: () => app.go('result') }, t.continue);
      preview.append(
        h(
          'figure',
          { class: 'face-crop', 'data-testid': 'face-crop' },
          response.preview ? h('img', { src: response.preview, alt: t.document.faceAlt }) : null,
          h('figcaption', {}, t.document.faceFound),
        ),
      );
      send.replaceWith(next);
      app.startTimer(response.session);
      next.focus();
    } catch (e) {
      if (ctx.signal.aborted) return;
      status.textContent = '';
      send.disabled = false;
      if (e instanceof ApiError && app.fail(e)) return;
      // The same photo would be refused again: ask for another one.
      send.hidden = true;
      // A refused upload (not an image, corrupt, too small): say so, keep the step.
      error.textContent =
        e instanceof ApiError && e.status === 400 ? `${t.document.rejected} ${t.document.serverRefused}` : String(e);
    }
  });

  return stepFrame(
    t.document.title,
    ctx.notice,
    h('p', {}, t.document.intro),
    h(
      'div',
      { class: 'doc-choices' },
      h('label', { for: 'doc-file', class: 'file-label' }, t.document.upload),
      input,
      h('p', { id: 'doc-file-hint', class: 'hint-text' }, t.document.uploadHint),
      useCamera,
    ),
    preview,
    status,
    error,
    h('div', { class: 'actions' }, send, cancelButton(app)),
  );
};
