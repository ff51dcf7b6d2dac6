import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FacegateError } from './facegate-error';
import { createScrubber } from './scrubber';

const SECRET = 'scrubber-secret-0a1b2c3d';

describe('createScrubber', () => {
  it('removes its secrets, longest first, then what scrubText removes', () => {
    const scrubber = createScrubber(['abcdef123456', 'abcdef123456-extended']);
    expect(scrubber.text('keys abcdef123456-extended and abcdef123456')).toBe('keys [redacted] and [redacted]');
    expect(scrubber.text(`x data:image/png;base64,${'A'.repeat(60)}`)).toBe('x [redacted data url]');
  });

  it('ignores missing values and secrets too short to be safe to replace', () => {
    const scrubber = createScrubber(['abc', '', undefined, null]);
    expect(scrubber.text('abc is a word')).toBe('abc is a word');
  });

  it('is bound to its own secrets: another scrubber never removes them', () => {
    const a = createScrubber([SECRET]);
    const b = createScrubber(['another-secret-99']);
    expect(a.text(`k ${SECRET}`)).toBe('k [redacted]');
    expect(b.text(`k ${SECRET}`)).toBe(`k ${SECRET}`);
  });

  it('replaces secrets in every string of plain objects and arrays, without changing the input', () => {
    const value = { warnings: [{ type: 'other', message: `echoed ${SECRET}` }], raw: { body: { key: SECRET } }, n: 3 };
    expect(createScrubber([SECRET]).strings(value)).toEqual({
      warnings: [{ type: 'other', message: 'echoed [redacted]' }],
      raw: { body: { key: '[redacted]' } },
      n: 3,
    });
    expect(value.raw.body.key).toBe(SECRET);
  });

  it('copies an error with message, stack, string fields, details and cause scrubbed', () => {
    const original = new FacegateError({
      code: 'auth_failed',
      message: `vendor said key ${SECRET} is wrong`,
      provider: 'acme',
      vendorCode: `bad_${SECRET}`,
      details: { echoed: [SECRET] },
      cause: new Error(`401 for ${SECRET}`),
    });
    const copy = createScrubber([SECRET]).error(original);
    expect(FacegateError.isInstance(copy)).toBe(true);
    expect(copy).toBeInstanceOf(FacegateError);
    expect(copy).toMatchObject({ code: 'auth_failed', provider: 'acme', retryable: false });
    expect(copy.message).toBe(original.message.replace(SECRET, '[redacted]'));
    const everything = `${copy.message}${copy.stack}${inspect(copy, { depth: 10 })}${JSON.stringify(copy)}`;
    expect(everything).not.toContain(SECRET);
    expect(original.message).toContain(SECRET);
  });

  it('copies an error from another installed copy of core, keeping its brand and prototype', () => {
    class ForeignError extends Error {
      readonly code = 'provider_error';
    }
    const foreign = Object.assign(new ForeignError(`failed with ${SECRET}`), { [Symbol.for('facegate.error')]: true });
    const copy = createScrubber([SECRET]).error(foreign);
    expect(copy).toBeInstanceOf(ForeignError);
    expect(FacegateError.isInstance(copy)).toBe(true);
    expect(copy.message).toBe('failed with [redacted]');
  });

  it('with no secrets, returns values as they are', () => {
    const error = new Error('x');
    expect(createScrubber([]).error(error)).toBe(error);
    expect(createScrubber([]).error('not an error')).toBe('not an error');
  });
});
