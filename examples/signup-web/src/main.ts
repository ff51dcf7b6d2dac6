import { ApiError } from './api/api-error';
import { SignupApi } from './api/signup-api';
import { App, STEP_VIEWS } from './app';
import { cameraStep } from './steps/camera-step';
import { closedStep } from './steps/closed-step';
import { consentStep } from './steps/consent-step';
import { documentStep } from './steps/document-step';
import { doneStep } from './steps/done-step';
import { livenessStep } from './steps/liveness-step';
import { registerStep } from './steps/register-step';
import { resultStep } from './steps/result-step';
import { t } from './strings';
import './styles.css';

STEP_VIEWS.set('consent', consentStep);
STEP_VIEWS.set('camera', cameraStep);
STEP_VIEWS.set('liveness', livenessStep);
STEP_VIEWS.set('document', documentStep);
STEP_VIEWS.set('result', resultStep);
STEP_VIEWS.set('register', registerStep);
STEP_VIEWS.set('done', doneStep);
STEP_VIEWS.set('closed', closedStep);

/** Longest time one liveness prompt is shown; `?prompt_ms=` shortens it for demos and tests (the server decides anyway). */
function promptMs(): number {
  const asked = Number(new URLSearchParams(location.search).get('prompt_ms'));
  return Number.isFinite(asked) && asked >= 500 ? Math.min(asked, 10_000) : 4_000;
}

async function boot(root: HTMLElement): Promise<void> {
  root.textContent = t.loading;
  const api = new SignupApi();
  let config: Awaited<ReturnType<SignupApi['config']>>;
  try {
    config = await api.config();
  } catch (error) {
    root.textContent = `${t.closed.systemTitle}. ${t.closed.systemBody}`;
    throw error;
  }
  const app = new App(root, api, config, promptMs());
  // A signup already under way (a reload) continues where the server says it stands.
  try {
    const { session } = await api.current();
    app.session = session;
    if (session.status === 'active' && session.step !== 'liveness') return void (await app.resume());
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
  }
  app.go('consent');
}

const root = document.getElementById('app');
if (root) void boot(root);
