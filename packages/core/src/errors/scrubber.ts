import { FacegateError } from './facegate-error';
import { scrubText } from './scrub';

/** Declared secrets shorter than this are ignored, so ordinary words are never replaced. */
export const MIN_SECRET_LENGTH = 6;

const REDACTED = '[redacted]';
const MAX_DEPTH = 20;

/**
 * Text and value scrubbing bound to one set of credential values. A client
 * builds one from the secrets its providers declare (`secrets()` of each
 * provider); nothing is shared between clients or installed copies of core.
 */
export interface Scrubber {
  /** The secrets replaced by `[redacted]`, then everything {@link scrubText} removes; truncated to `maxLength` (default 500). */
  text(text: string, maxLength?: number): string;
  /** A copy of `value` with the secrets replaced in every string of its plain objects and arrays. */
  strings<T>(value: T): T;
  /**
   * A copy of a thrown error (a {@link FacegateError} from any installed copy
   * of core, or any `Error`) with the secrets replaced in its message, stack,
   * string fields, `details` and `cause`. Anything that is not an error is returned as is.
   */
  error<T>(error: T): T;
}

/**
 * Build a {@link Scrubber} for these credential values. Empty, missing and
 * short values (under {@link MIN_SECRET_LENGTH} characters) are ignored;
 * overlapping values are removed longest first.
 */
export function createScrubber(secrets: Iterable<string | null | undefined>): Scrubber {
  const values = [...new Set(secrets)]
    .filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  const redact = (text: string): string => values.reduce((out, secret) => out.split(secret).join(REDACTED), text);

  function strings(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return redact(value);
    if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => strings(item, depth + 1));
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strings(item, depth + 1)]));
  }

  function error(value: unknown, depth: number): unknown {
    if (depth > MAX_DEPTH || !(value instanceof Error || FacegateError.isInstance(value))) return value;
    const copy = Object.create(Object.getPrototypeOf(value)) as Record<PropertyKey, unknown>;
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor;
      if ('value' in descriptor)
        descriptor.value = key === 'cause' ? error(descriptor.value, depth + 1) : strings(descriptor.value, depth + 1);
      Object.defineProperty(copy, key, descriptor);
    }
    return copy;
  }

  if (values.length === 0) return { text: scrubText, strings: (value) => value, error: (value) => value };
  return {
    text: (text, maxLength) => scrubText(redact(text), maxLength),
    strings: <T>(value: T) => strings(value, 0) as T,
    error: <T>(value: T) => error(value, 0) as T,
  };
}
