import type { StepView } from '../app';
import { t } from '../strings';
import { h } from '../ui/dom';
import { errorBox, stepFrame } from './step-frame';

/** Consent: what is checked and kept, an explicit tick, nothing starts before it. */
export const consentStep: StepView = (app, ctx) => {
  const box = h('input', { type: 'checkbox', id: 'consent', 'aria-describedby': 'consent-error' });
  const error = errorBox();
  error.id = 'consent-error';
  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        if (!box.checked) {
          error.textContent = t.consent.required;
          box.setAttribute('aria-invalid', 'true');
          box.focus();
          return;
        }
        app.go(app.livenessEntry);
      },
    },
    h('p', { class: 'check' }, box, h('label', { for: 'consent' }, t.consent.checkbox)),
    error,
    h('button', { type: 'submit', class: 'primary' }, t.consent.start),
  );
  return stepFrame(
    t.consent.title,
    ctx.notice,
    h('p', {}, t.consent.intro),
    h('ul', {}, ...t.consent.points.map((p) => h('li', {}, p))),
    form,
  );
};
