import type { StepView } from '../app';
import { t } from '../strings';
import { h } from '../ui/dom';
import { stepFrame } from './step-frame';

/** Registered. */
export const doneStep: StepView = (_app, ctx) =>
  stepFrame(t.done.title, ctx.notice, h('p', { role: 'status', 'data-testid': 'done' }, t.done.body));
