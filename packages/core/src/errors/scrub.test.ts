import { describe, expect, it } from 'vitest';
import { scrubText } from './scrub';

describe('scrubText', () => {
  it('knows no credential values: those are each client’s scrubber’s', () => {
    expect(scrubText('key abcdef123456 in prose')).toBe('key abcdef123456 in prose');
  });

  it('removes long opaque runs, data URLs and bearer tokens but keeps ids and prose', () => {
    const text = `token Bearer eyJhbGciOi.abc.def image data:image/png;base64,iVBORw0KGgo= blob ${'Zm9v'.repeat(20)} id 3f2b8c1e-1d2a-4c1b-9f7e-1234567890ab`;
    const out = scrubText(text);
    expect(out).toContain('Bearer [redacted]');
    expect(out).toContain('[redacted data url]');
    expect(out).not.toContain('Zm9vZm9v');
    expect(out).toContain('3f2b8c1e-1d2a-4c1b-9f7e-1234567890ab');
  });

  it('truncates long text', () => {
    expect(scrubText('word '.repeat(400)).length).toBeLessThanOrEqual(501);
  });
});
