import { describe, expect, it } from 'vitest';
import { fileProblem, MAX_DOCUMENT_BYTES } from './read-document';

describe('fileProblem', () => {
  it('accepts JPEG, PNG and WebP photos', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp'])
      expect(fileProblem({ type, size: 1000 })).toBeUndefined();
  });
  it('refuses other files before sending them', () => {
    expect(fileProblem({ type: 'application/pdf', size: 1000 })).toBe('not_image');
    expect(fileProblem({ type: '', size: 1000 })).toBe('not_image');
  });
  it('refuses photos over the server limit', () => {
    expect(fileProblem({ type: 'image/jpeg', size: MAX_DOCUMENT_BYTES + 1 })).toBe('too_large');
  });
});
