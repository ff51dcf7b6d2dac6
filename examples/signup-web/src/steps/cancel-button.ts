import type { App } from '../app';
import { t } from '../strings';
import { h } from '../ui/dom';

/** Cancel: leaves the step (camera off, timers stopped) and says so. The server session simply expires. */
export function cancelButton(app: App): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-testid': 'cancel',
      onclick: () => {
        app.closedKind = 'generic';
        app.go('consent', t.cancelled);
      },
    },
    t.cancel,
  );
}
