/** One schema validation failure as fastify hands it over (a zod issue). */
export interface ValidationIssue {
  keyword: string;
  instancePath: string;
  message?: string;
}

// Issue kinds whose default text may carry what the client sent (a key's name, a union member's value).
const FIXED_TEXT: Record<string, string> = {
  unrecognized_keys: 'unknown field(s) not allowed',
  invalid_key: 'invalid key',
  invalid_element: 'invalid element',
  invalid_union: 'invalid value',
};
const SAFE_SEGMENT = /^[A-Za-z0-9_]{1,40}$/;
const MAX_MESSAGE = 160;

/**
 * Validation messages built from our schema's field names and the issue kind
 * only: a request can never get its own text (a 200 000-character unknown key,
 * markup) echoed back, whatever it sends.
 */
export function describeIssues(issues: readonly ValidationIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.instancePath
      .split('/')
      .filter(Boolean)
      .map((segment) => (SAFE_SEGMENT.test(segment) ? segment : '?'))
      .join('.');
    const text = FIXED_TEXT[issue.keyword] ?? (issue.message ?? 'invalid value').slice(0, MAX_MESSAGE);
    return `${path || '(body)'}: ${text}`;
  });
}
