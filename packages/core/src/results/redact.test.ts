import { describe, expect, it } from 'vitest';
import { toRawResponse } from './common';
import { redactBiometrics } from './redact';

describe('redactBiometrics', () => {
  it('replaces bytes, base64 images, data URLs, secrets and embeddings; keeps scores and ids', () => {
    const body = {
      SessionId: '5e8d7a9c-0000-4000-8000-000000000001',
      Confidence: 98.5,
      ReferenceImage: { Bytes: Buffer.alloc(2000, 1).toString('base64'), BoundingBox: { Left: 0.1 } },
      audit: [new Uint8Array(10)],
      selfie_image: `data:image/jpeg;base64,${'A'.repeat(100)}`,
      authToken: 'eyJ0eXAiOiJKV1QiLCJhbGciOi',
      hash_id: 'merchant-hash',
      embedding: [0.1, 0.2],
      vector: Array.from({ length: 128 }, () => 0.5),
      nested: { descriptors: [1, 2, 3] },
      unnamed: Array.from({ length: 512 }, (_, i) => i / 512),
    };
    const out = redactBiometrics(body) as Record<string, unknown>;
    expect(out.SessionId).toBe(body.SessionId);
    expect(out.Confidence).toBe(98.5);
    expect(out.ReferenceImage).toEqual({ Bytes: '[redacted: 2668 base64 chars]', BoundingBox: { Left: 0.1 } });
    expect(out.audit).toEqual(['[redacted: 10 bytes]']);
    expect(out.selfie_image).toMatch(/^\[redacted: data url/);
    expect(out.authToken).toBe('[redacted: secret]');
    expect(out.hash_id).toBe('[redacted: secret]');
    expect(out.embedding).toBe('[redacted: biometric template]');
    expect(out.vector).toBe('[redacted: biometric template]');
    expect(out.nested).toEqual({ descriptors: '[redacted: biometric template]' });
    expect(out.unnamed).toBe('[redacted: 512 numbers]');
  });

  it('does not modify the input', () => {
    const body = { Bytes: new Uint8Array(3) };
    redactBiometrics(body);
    expect(body.Bytes).toBeInstanceOf(Uint8Array);
  });

  it('builds a raw response with request id and status', () => {
    expect(toRawResponse({ ok: true }, 'req-9', 200)).toEqual({
      requestId: 'req-9',
      httpStatus: 200,
      body: { ok: true },
    });
    expect(toRawResponse(null)).toEqual({ requestId: null, body: null });
  });
});
