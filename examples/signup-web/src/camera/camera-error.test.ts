import { describe, expect, it } from 'vitest';
import { cameraProblem } from './camera-error';

describe('cameraProblem', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['PermissionDeniedError', 'denied'],
    ['NotFoundError', 'not_found'],
    ['OverconstrainedError', 'not_found'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
    ['Whatever', 'unknown'],
  ])('%s → %s', (name, expected) => {
    expect(cameraProblem({ name })).toBe(expected);
  });

  it('copes with non-errors', () => {
    expect(cameraProblem(undefined)).toBe('unknown');
  });
});
