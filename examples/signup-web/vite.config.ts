import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
const faceApi = JSON.parse(readFileSync(require.resolve('@vladmandic/face-api/package.json'), 'utf8')) as {
  version: string;
};

export default defineConfig({
  // The page is served by the signup server at `/`; the API is same-origin.
  base: '/',
  define: { __FACE_API_VERSION__: JSON.stringify(faceApi.version) },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1600 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/models': 'http://127.0.0.1:3000' } },
});
