import type { Warning } from '@facegate/core';
import { malformedResponse, parseLooseNumber, type ResponseLabel, toUnitScore } from '@facegate/core/adapter-kit';

/**
 * Strict readers for the string-typed values in Decentro's answers. Anything
 * unexpected is a `provider_error` naming the field (never its value), so a
 * garbled answer can never turn into a pass.
 */

/** `"yes"` → true, `"no"` → false (case and surrounding spaces ignored); anything else throws. */
export function readYesNo(value: string, field: string, label: ResponseLabel): boolean {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'yes') return true;
  if (normalized === 'no') return false;
  throw malformedResponse(label, `${field} is neither "yes" nor "no"`);
}

/**
 * A score sent as a number or a numeric string (`"85"`, `"1.0"`), mapped to
 * 0..1 by dividing by `scale`. Unparseable, or outside 0–`scale`, throws: no
 * clamping, since an out-of-range score means we misread the scale.
 */
export function readScore(
  value: string | number,
  field: string,
  scale: number,
  label: ResponseLabel,
  warnings: Warning[],
): number {
  const n = parseLooseNumber(value);
  if (n === null) throw malformedResponse(label, `${field} is not a number`);
  try {
    return toUnitScore(n, scale, label, warnings, 0);
  } catch {
    throw malformedResponse(label, `${field} is outside 0–${scale}`);
  }
}

const PERCENT = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/;

/** A percentage string such as `"98.00%"` mapped to 0..1; a bare number or anything else throws. */
export function readPercent(value: string | number, field: string, label: ResponseLabel, warnings: Warning[]): number {
  const match = typeof value === 'string' ? PERCENT.exec(value) : null;
  if (!match?.[1]) throw malformedResponse(label, `${field} is not a percentage such as "98.00%"`);
  return readScore(match[1], field, 100, label, warnings);
}

/** A field a completed check must carry; its absence is a `provider_error` naming it. */
export function required<T>(value: T | undefined, field: string, label: ResponseLabel): T {
  if (value === undefined) throw malformedResponse(label, `${field} is missing`);
  return value;
}

/** A score that may be absent (on a negative finding): absent is `null`, present is read like {@link readScore}. */
export function optionalScore(
  value: string | number | undefined,
  field: string,
  scale: number,
  label: ResponseLabel,
  warnings: Warning[],
): number | null {
  return value === undefined ? null : readScore(value, field, scale, label, warnings);
}
