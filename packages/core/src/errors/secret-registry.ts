/**
 * Values that must never appear in an error message or a log line: credentials
 * that adapters were given. Adapters register them at construction; the
 * scrubber replaces any occurrence. Short values are ignored to avoid
 * scrubbing ordinary words.
 */
const MIN_SECRET_LENGTH = 6;
const secrets = new Set<string>();

/** Remember a credential so that `scrubText` removes it from any text. */
export function rememberSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

/** The registered secrets, longest first (so overlapping values are fully removed). */
export function registeredSecrets(): string[] {
  return [...secrets].sort((a, b) => b.length - a.length);
}
