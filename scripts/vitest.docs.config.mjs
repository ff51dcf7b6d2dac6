// vitest config for the scripts' own tests (the root config's projects cover packages/* and examples/* only).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: { name: 'scripts', include: ['scripts/**/*.test.mjs'] },
});
