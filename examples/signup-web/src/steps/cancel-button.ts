import type { App } from '../app';
import { t } from '../strings';
import { h } from '../ui/dom';

/** Cancel: leaves the step (camera off, timers stopped), asks the server to close the signup and delete its images, and says so. */
export function cancelButton(app: App): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'cancel',
      onclick: () => {
        // Best effort: if the server cannot be reached, the session and its images expire on their own.
        app.api.cancel().catch(() => {});
        app.closedKind = 'generic';
        app.go('consent', t.cancelled);
      },
    },
    t.cancel,
  );
}
