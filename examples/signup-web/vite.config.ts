import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vite';
import { bundleSizeReport } from './build/bundle-size-report';

const require = createRequire(import.meta.url);
const versionOf = (manifest: string) => (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
const faceApi = versionOf(require.resolve('@vladmandic/face-api/package.json'));
// The tfjs WASM files must match the backend Amplify's component bundles: take the version from its own dependency.
const amplify = createRequire(require.resolve('@aws-amplify/ui-react-liveness'));
const amplifyWasm = versionOf(amplify.resolve('@tensorflow/tfjs-backend-wasm/package.json'));

export default defineConfig({
  // The page is served by the signup server at `/`; the API is same-origin.
  base: '/',
  define: {
    __FACE_API_VERSION__: JSON.stringify(faceApi),
    __AMPLIFY_TFJS_WASM_VERSION__: JSON.stringify(amplifyWasm),
    __AZURE_FACE_UI_URL__: JSON.stringify(process.env.AZURE_FACE_UI_URL ?? ''),
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2600,
    rollupOptions: {
      // Amplify UI's dependencies mark modules "use client" (a React Server Components hint); this page has no server components.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  plugins: [bundleSizeReport({ lazyEntries: { 'AWS liveness chunk': 'src/liveness/aws-liveness.ts' } })],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/models': 'http://127.0.0.1:3000', '/assets': 'http://127.0.0.1:3000' },
  },
});
