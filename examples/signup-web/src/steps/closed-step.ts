import type { StepView } from '../app';
import type { ClosedKind } from '../outcome/describe-outcome';
import { t } from '../strings';
import { h } from '../ui/dom';
import { stepFrame } from './step-frame';

const TEXT: Record<ClosedKind, { title: string; body: string }> = {
  system: { title: t.closed.systemTitle, body: t.closed.systemBody },
  duplicate: { title: t.closed.duplicateTitle, body: t.closed.duplicateBody },
  review: { title: t.closed.reviewTitle, body: t.closed.reviewBody },
  exhausted: { title: t.closed.exhaustedTitle, body: t.closed.exhaustedBody },
  expired: { title: t.closed.expiredTitle, body: t.closed.expiredBody },
  generic: { title: t.closed.genericTitle, body: t.closed.systemBody },
};

/**
 * Where a signup cannot go on automatically: a system error (try later, or
 * assisted signup), a duplicate (a polite refusal, nothing about who), a
 * review, attempts used up, or an expired signup.
 */
export const closedStep: StepView = (app, ctx) => {
  const kind = app.closedKind;
  const text = TEXT[kind];
  const assistedUrl = app.closedError?.alternatePath?.assistedSignupUrl ?? app.config.assistedSignupUrl;
  const retryAfter = app.closedError?.alternatePath?.retryAfterSeconds;
  const assisted = h(
    'a',
    { href: assistedUrl, class: 'button secondary', 'data-testid': 'assisted' },
    t.closed.assisted,
  );
  const actions = h('div', { class: 'actions' });
  if (kind === 'system' || kind === 'generic')
    actions.append(
      h(
        'button',
        { type: 'button', class: 'primary', 'data-testid': 'try-later', onclick: () => void app.resume() },
        t.closed.tryLater,
      ),
    );
  if (kind === 'exhausted' || kind === 'expired')
    actions.append(
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          onclick: () => {
            app.session = undefined;
            app.go('consent');
          },
        },
        t.startAgain,
      ),
    );
  if (kind !== 'expired') actions.append(assisted);
  return stepFrame(
    text.title,
    ctx.notice,
    h('div', { class: `closed ${kind}`, 'data-testid': 'closed', 'data-kind': kind }, h('p', {}, text.body)),
    kind === 'system' && retryAfter ? h('p', {}, t.closed.retryIn(retryAfter)) : null,
    actions,
  );
};
