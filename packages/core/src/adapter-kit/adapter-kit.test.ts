import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Warning } from '../results/common';
import { codeForHttpStatus, httpError, isNetworkError, parseRetryAfter } from './http-errors';
import { parseJsonBody, parseLooseNumber, parseVendorBody, toUnitScore } from './parse-vendor-response';
import { readProviderOptions } from './provider-options';
import { loadSetting } from './settings';

const label = { provider: 'v', operation: 'op' };

describe('http error mapping', () => {
  it.each([
    [400, 'invalid_input', false],
    [401, 'auth_failed', false],
    [403, 'permission_denied', false],
    [404, 'resource_not_found', false],
    [408, 'timeout', true],
    [415, 'unsupported_media', false],
    [429, 'rate_limited', true],
    [500, 'provider_error', true],
    [502, 'provider_error', true],
    [503, 'provider_unavailable', true],
    [418, 'provider_error', false],
  ] as const)('HTTP %s → %s (retryable %s)', (status, code, retryable) => {
    expect(codeForHttpStatus(status)).toEqual({ code, retryable });
    expect(httpError({ provider: 'v', operation: 'op', status })).toMatchObject({
      code,
      retryable,
      httpStatus: status,
    });
  });

  it('lets a vendor code override the status mapping', () => {
    expect(httpError({ provider: 'v', operation: 'op', status: 400, code: 'session_expired' }).code).toBe(
      'session_expired',
    );
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:05 GMT', Date.parse('2026-11-23T10:00:00Z'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });

  it('recognises transport failures through error causes', () => {
    expect(isNetworkError(Object.assign(new Error('x'), { cause: { code: 'ECONNREFUSED' } }))).toBe(true);
    expect(isNetworkError(new TypeError('fetch failed'))).toBe(true);
    expect(isNetworkError(new Error('HTTP 500'))).toBe(false);
  });
});

describe('vendor response parsing', () => {
  it('refuses empty and non-JSON bodies as provider_error without echoing them', () => {
    expect(() => parseJsonBody('', label)).toThrowError(expect.objectContaining({ code: 'provider_error' }));
    try {
      parseJsonBody('<html>secret-page-content</html>', label);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain('secret-page-content');
    }
  });

  it('accepts extra fields but fails on missing required ones, naming the path', () => {
    const schema = z.looseObject({ Similarity: z.number() });
    expect(parseVendorBody(schema, { Similarity: 91, Extra: true }, label)).toMatchObject({ Similarity: 91 });
    expect(() => parseVendorBody(schema, { similarity: 91 }, label)).toThrowError(/unexpected shape at Similarity/);
  });

  it('parses numbers sent as strings, and nothing else', () => {
    expect(parseLooseNumber('85')).toBe(85);
    expect(parseLooseNumber(' 1.0 ')).toBe(1);
    expect(parseLooseNumber(0.5)).toBe(0.5);
    for (const bad of ['', 'NaN', 'high', null, undefined, {}, Number.POSITIVE_INFINITY, '1e999'])
      expect(parseLooseNumber(bad)).toBeNull();
  });

  it('maps scores to 0..1, clamping tiny overshoots with a warning and refusing wild values', () => {
    const warnings: Warning[] = [];
    expect(toUnitScore(85, 100, label, warnings)).toBe(0.85);
    expect(toUnitScore(100.4, 100, label, warnings)).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(() => toUnitScore(150, 100, label, warnings)).toThrowError(
      expect.objectContaining({ code: 'provider_error' }),
    );
    expect(() => toUnitScore(-5, 100, label, warnings)).toThrowError(
      expect.objectContaining({ code: 'provider_error' }),
    );
  });
});

describe('settings and provider options', () => {
  const spec = {
    provider: 'azure',
    option: 'apiKey',
    envName: 'AZURE_FACE_API_KEY',
    description: 'Azure Face API key',
  };

  it('prefers the option, then the env var', () => {
    expect(loadSetting(spec, 'from-option-123', { AZURE_FACE_API_KEY: 'from-env-456' })).toBe('from-option-123');
    expect(loadSetting(spec, undefined, { AZURE_FACE_API_KEY: ' from-env-456 ' })).toBe('from-env-456');
  });

  it('names the option and the env var when missing', () => {
    expect(() => loadSetting(spec, undefined, {})).toThrowError(
      /pass `apiKey` or set the AZURE_FACE_API_KEY environment variable/,
    );
  });

  it('warns about unknown provider options and refuses wrong types', () => {
    const schema = z.object({ auditImagesLimit: z.number().int().min(0).max(4).optional() });
    const warnings: Warning[] = [];
    expect(
      readProviderOptions('aws', schema, { aws: { auditImagesLimit: 2, typo: true }, azure: { x: 1 } }, warnings),
    ).toEqual({ auditImagesLimit: 2 });
    expect(warnings).toEqual([{ type: 'unsupported_option', message: 'aws ignores providerOptions.aws.typo' }]);
    expect(() => readProviderOptions('aws', schema, { aws: { auditImagesLimit: 9 } }, [])).toThrowError(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });
});
