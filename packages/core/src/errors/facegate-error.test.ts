import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ERROR_CODE_INFO, ERROR_CODES } from './error-codes';
import { FacegateError } from './facegate-error';
import { createScrubber } from './scrubber';

describe('FacegateError', () => {
  it('appends the next step for its code and uses the default retryability', () => {
    const error = new FacegateError({ code: 'rate_limited', message: 'aws CompareFaces was throttled.' });
    expect(error.message).toBe(`aws CompareFaces was throttled. ${ERROR_CODE_INFO.rate_limited.nextStep}`);
    expect(error.retryable).toBe(true);
    expect(new FacegateError({ code: 'invalid_input', message: 'x' }).retryable).toBe(false);
  });

  it('lets the caller override retryability', () => {
    expect(new FacegateError({ code: 'provider_error', message: 'HTTP 500', retryable: true }).retryable).toBe(true);
  });

  it('has a next-step hint for every code', () => {
    for (const code of ERROR_CODES) expect(ERROR_CODE_INFO[code].nextStep.length).toBeGreaterThan(10);
  });

  it('is recognised across duplicate installs by its Symbol.for brand', () => {
    const foreign = Object.assign(new Error('from another copy'), { [Symbol.for('facegate.error')]: true });
    expect(FacegateError.isInstance(foreign)).toBe(true);
    expect(FacegateError.isInstance(new Error('plain'))).toBe(false);
    expect(FacegateError.isInstance(null)).toBe(false);
    expect(FacegateError.isInstance(new FacegateError({ code: 'timeout', message: 'slow' }))).toBe(true);
  });

  it('reduces a cause to a scrubbed summary: no request config, headers or bodies survive', () => {
    const secret = 'sk_live_0123456789abcdef';
    const image = Buffer.alloc(3000, 7).toString('base64');
    const axiosLike = Object.assign(new Error(`Request failed with key ${secret}`), {
      code: 'ERR_BAD_REQUEST',
      config: { headers: { client_secret: secret }, data: JSON.stringify({ image }) },
      response: { data: { echoed: image } },
    });
    const error = createScrubber([secret]).error(
      new FacegateError({ code: 'provider_error', message: 'decentro failed', cause: axiosLike }),
    );
    const everything = `${error.message}${error.stack}${inspect(error, { depth: 10 })}${JSON.stringify(error)}`;
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(image.slice(0, 80));
    expect((error.cause as Error).message).toBe('Request failed with key [redacted]');
    expect((error.cause as Error & { code: string }).code).toBe('ERR_BAD_REQUEST');
    expect((error.cause as Record<string, unknown>).config).toBeUndefined();
  });

  it('scrubs base64 and data URLs from its own message', () => {
    const error = new FacegateError({
      code: 'invalid_input',
      message: `bad image data:image/jpeg;base64,${'A'.repeat(500)}`,
    });
    expect(error.message).toContain('[redacted data url]');
    expect(error.message).not.toContain('AAAAAAAAAA');
  });

  it('serialises to a plain object with its fields', () => {
    const error = new FacegateError({
      code: 'rate_limited',
      message: 'slow down',
      provider: 'aws',
      httpStatus: 429,
      retryAfterMs: 2000,
      vendorCode: 'ThrottlingException',
      requestId: 'req-1',
    });
    expect(error.toJSON()).toMatchObject({
      code: 'rate_limited',
      provider: 'aws',
      httpStatus: 429,
      retryAfterMs: 2000,
      vendorCode: 'ThrottlingException',
      requestId: 'req-1',
      retryable: true,
    });
  });
});
