import { ApiError } from '../api/api-error';
import type { StepView } from '../app';
import { describeCheck } from '../outcome/describe-outcome';
import { t } from '../strings';
import { h } from '../ui/dom';
import { errorBox, statusLine, stepFrame } from './step-frame';

/**
 * The server's checks, one after the other: the live face against the
 * document face, then the duplicate search. A mismatch offers another document
 * photo while attempts are left; a duplicate is refused without detail.
 */
export const resultStep: StepView = (app, ctx) => {
  const status = statusLine();
  const error = errorBox();
  const actions = h('div', { class: 'actions' });

  const run = async () => {
    try {
      if (app.session?.step !== 'uniqueness') {
        status.textContent = t.result.matching;
        const match = await app.api.match();
        if (ctx.signal.aborted) return;
        app.session = match.session;
        const view = describeCheck(match, t.result.matchFailed);
        if (view.kind === 'closed') return app.close(view.closed);
        if (view.kind === 'retry') {
          status.textContent = '';
          error.replaceChildren(
            h('p', {}, t.result.matchFailed, ' ', ...view.messages.filter((m) => m !== t.result.matchFailed)),
            h('p', { 'data-testid': 'attempts-left' }, t.attemptsLeft(view.attemptsLeft)),
          );
          const again = h(
            'button',
            { type: 'button', class: 'primary', onclick: () => app.go('document') },
            t.result.anotherDocument,
          );
          actions.replaceChildren(again);
          again.focus();
          return;
        }
      }
      status.textContent = t.result.unique;
      const unique = await app.api.uniqueness();
      if (ctx.signal.aborted) return;
      app.session = unique.session;
      const view = describeCheck(unique, t.closed.duplicateBody);
      // Anything but a pass here closes the signup; a duplicate is told apart by the server's failure reason only.
      if (view.kind !== 'pass') return app.close(view.kind === 'closed' ? view.closed : 'generic');
      status.textContent = t.result.passed;
      const next = h('button', { type: 'button', class: 'primary', onclick: () => app.go('register') }, t.continue);
      actions.replaceChildren(next);
      next.focus();
    } catch (e) {
      if (ctx.signal.aborted) return;
      status.textContent = '';
      if (e instanceof ApiError && app.fail(e)) return;
      error.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  void run();
  return stepFrame(t.result.title, ctx.notice, status, error, actions);
};
