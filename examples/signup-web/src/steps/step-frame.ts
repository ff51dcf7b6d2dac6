import { h } from '../ui/dom';

/** A step's section: heading, optional notice (e.g. "time ran out"), then its content. */
export function stepFrame(title: string, notice: string | undefined, ...content: (Node | null)[]): HTMLElement {
  return h(
    'section',
    { class: 'step', 'aria-labelledby': 'step-title' },
    h('h2', { id: 'step-title' }, title),
    notice ? h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice) : null,
    ...content,
  );
}

/** An error area: announced at once when text is put in it. */
export function errorBox(): HTMLElement {
  return h('div', { class: 'error', role: 'alert', 'data-testid': 'error' });
}

/** A status line for progress ("Checking…"), announced politely. */
export function statusLine(): HTMLElement {
  return h('p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-testid': 'status' });
}
