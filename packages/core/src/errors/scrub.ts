const MAX_TEXT_LENGTH = 500;
const DATA_URL = /data:[a-z]+\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=_-]*/gi;
// Long runs of base64-ish characters: image bytes, embeddings, keys, tokens.
const LONG_OPAQUE_RUN = /[A-Za-z0-9+/=]{40,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Make a piece of text safe for an error message or a log line: removes data
 * URLs, long opaque runs (base64 image bytes, keys, tokens) and bearer
 * credentials, then truncates. It knows no credential values: a client
 * removes its providers' declared secrets with its own {@link Scrubber}.
 */
export function scrubText(text: string, maxLength = MAX_TEXT_LENGTH): string {
  const out = text
    .replace(DATA_URL, '[redacted data url]')
    .replace(BEARER, '$1 [redacted]')
    .replace(LONG_OPAQUE_RUN, '[redacted]');
  return out.length > maxLength ? `${out.slice(0, maxLength)}…` : out;
}
