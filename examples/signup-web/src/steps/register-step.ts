import { ApiError } from '../api/api-error';
import type { StepView } from '../app';
import { t } from '../strings';
import { h } from '../ui/dom';
import { cancelButton } from './cancel-button';
import { errorBox, statusLine, stepFrame } from './step-frame';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** A labelled input with its own error line (linked by aria-describedby). */
function field(id: string, label: string, type: string, autocomplete: string, required: boolean, hint?: string) {
  const error = h('p', { class: 'field-error', id: `${id}-error` });
  const input = h('input', {
    id,
    name: id,
    type,
    autocomplete,
    required,
    'aria-describedby': hint ? `${id}-hint ${id}-error` : `${id}-error`,
  });
  const wrap = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint-text', id: `${id}-hint` }, hint) : null,
    input,
    error,
  );
  const setError = (message: string) => {
    error.textContent = message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { wrap, input, setError };
}

/** Registration: name and contact, checked here for quick help and again on the server. */
export const registerStep: StepView = (app, ctx) => {
  if (app.session) app.startTimer(app.session);
  const status = statusLine();
  const error = errorBox();
  const name = field('fullName', t.register.fullName, 'text', 'name', true);
  const email = field('email', t.register.email, 'email', 'email', true);
  const phone = field('phone', t.register.phone, 'tel', 'tel', false, t.register.phoneHint);
  const submit = h('button', { type: 'submit', class: 'primary' }, t.register.submit);

  const validate = (): boolean => {
    const problems: [ReturnType<typeof field>, string][] = [
      [name, name.input.value.trim() ? '' : t.register.required],
      [
        email,
        !email.input.value.trim()
          ? t.register.required
          : EMAIL.test(email.input.value.trim())
            ? ''
            : t.register.invalidEmail,
      ],
      [phone, !phone.input.value.trim() || PHONE.test(phone.input.value.trim()) ? '' : t.register.invalidPhone],
    ];
    for (const [f, message] of problems) f.setError(message);
    const first = problems.find(([, m]) => m);
    first?.[0].input.focus();
    return !first;
  };

  const form = h(
    'form',
    {
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        error.textContent = '';
        if (!validate()) return;
        submit.disabled = true;
        status.textContent = t.register.sending;
        try {
          const phoneValue = phone.input.value.trim();
          const { session } = await app.api.register({
            fullName: name.input.value.trim(),
            email: email.input.value.trim(),
            ...(phoneValue ? { phone: phoneValue } : {}),
          });
          if (ctx.signal.aborted) return;
          app.session = session;
          app.go('done');
        } catch (e) {
          if (ctx.signal.aborted) return;
          submit.disabled = false;
          status.textContent = '';
          if (e instanceof ApiError && e.code === 'email_taken') {
            email.setError(t.register.emailTaken);
            email.input.focus();
            return;
          }
          // A face registered meanwhile closes the signup: same polite refusal as the duplicate check.
          if (e instanceof ApiError && e.code === 'session_closed') return app.close('duplicate');
          if (e instanceof ApiError && app.fail(e)) return;
          error.textContent = e instanceof Error ? e.message : String(e);
        }
      },
    },
    name.wrap,
    email.wrap,
    phone.wrap,
    status,
    error,
    h('div', { class: 'actions' }, submit, cancelButton(app)),
  );
  return stepFrame(t.register.title, ctx.notice, form);
};
