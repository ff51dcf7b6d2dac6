import { scrubText } from '../errors/scrub';

const SECRET_KEY = /(token|secret|password|passwd|api[-_]?key|apikey|authorization|credential|hash[-_]?id|signature)$/i;
const BIOMETRIC_KEY = /^(embedding|descriptor|template|vector|face[-_]?map|facemap)s?$/i;
const BASE64_LIKE = /^[A-Za-z0-9+/=_-]+$/;
const MIN_OPAQUE_STRING = 200;
const MIN_NUMERIC_ARRAY = 64;

/**
 * Deep-copy a vendor response with biometric payloads and secrets removed:
 * byte arrays, base64 strings and data URLs become a short marker with their
 * size; keys that name credentials or tokens are masked; long numeric arrays
 * (embeddings) are dropped. Everything else (scores, labels, ids, boxes) is kept.
 */
export function redactBiometrics(value: unknown, depth = 0): unknown {
  if (depth > 20) return '[redacted: too deep]';
  if (value instanceof Uint8Array) return `[redacted: ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[redacted: ${value.byteLength} bytes]`;
  if (typeof value === 'string') return redactString(value);
  if (Array.isArray(value)) {
    if (value.length >= MIN_NUMERIC_ARRAY && value.every((v) => typeof v === 'number')) {
      return `[redacted: ${value.length} numbers]`;
    }
    return value.map((item) => redactBiometrics(item, depth + 1));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key) && item !== null && item !== undefined && typeof item !== 'object') {
        out[key] = '[redacted: secret]';
      } else if (BIOMETRIC_KEY.test(key) && item !== null && item !== undefined) {
        out[key] = '[redacted: biometric template]';
      } else {
        out[key] = redactBiometrics(item, depth + 1);
      }
    }
    return out;
  }
  return value;
}

function redactString(value: string): string {
  if (value.startsWith('data:') && value.includes(';base64,')) return `[redacted: data url, ${value.length} chars]`;
  if (value.length >= MIN_OPAQUE_STRING && BASE64_LIKE.test(value)) return `[redacted: ${value.length} base64 chars]`;
  return value.length > 2000 ? scrubText(value, 2000) : scrubText(value, value.length + 1);
}
