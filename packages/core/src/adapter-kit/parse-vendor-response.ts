import type { z } from 'zod';
import { FacegateError } from '../errors/facegate-error';
import type { Warning } from '../results/common';

/** Where a vendor answer came from, for the error when it is unusable. */
export interface ResponseLabel {
  provider: string;
  operation: string;
  requestId?: string;
  httpStatus?: number;
}

/** The error for a vendor answer we cannot trust. Never echoes the body. */
export function malformedResponse(label: ResponseLabel, what: string): FacegateError {
  return new FacegateError({
    code: 'provider_error',
    message: `${label.provider} ${label.operation} returned an unusable answer (${what})`,
    provider: label.provider,
    requestId: label.requestId,
    httpStatus: label.httpStatus,
  });
}

/** Parse JSON text; a body that is not JSON is a `provider_error`. */
export function parseJsonBody(text: string, label: ResponseLabel): unknown {
  if (text.trim() === '') throw malformedResponse(label, 'empty body');
  try {
    return JSON.parse(text);
  } catch {
    throw malformedResponse(label, 'body is not valid JSON');
  }
}

/**
 * Check a vendor body against a lenient schema (extra fields allowed, required
 * ones enforced). A mismatch is a `provider_error` naming the failing paths,
 * never a pass.
 */
export function parseVendorBody<S extends z.ZodType>(schema: S, body: unknown, label: ResponseLabel): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.slice(0, 5).map((i) => i.path.join('.') || '(root)');
  throw malformedResponse(label, `unexpected shape at ${paths.join(', ')}`);
}

/**
 * Parse a number a vendor may send as a string ("85", "1.0"). Returns null for
 * anything that is not a finite number, so callers can fail closed.
 */
export function parseLooseNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string' || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

/**
 * Map a vendor score to 0..1 by dividing by `scale`. Values slightly outside
 * the range are clamped with a warning; values far outside (more than
 * `tolerance` of the scale) are a `provider_error`.
 */
export function toUnitScore(
  value: number,
  scale: number,
  label: ResponseLabel,
  warnings: Warning[],
  tolerance = 0.01,
): number {
  const unit = value / scale;
  if (!Number.isFinite(unit) || unit < -tolerance || unit > 1 + tolerance) {
    throw malformedResponse(label, `score ${value} is outside 0–${scale}`);
  }
  if (unit < 0 || unit > 1) {
    warnings.push({ type: 'clamped_value', message: `${label.provider} score ${value} clamped to 0–${scale}` });
    return Math.min(1, Math.max(0, unit));
  }
  return unit;
}
