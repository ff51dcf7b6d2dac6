import { defineConfig } from 'tsup';

// Models, wasm binaries, face-api and Human stay in their npm packages and are
// resolved at run time (createRequire), never bundled.
export default defineConfig({
  entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: [
    '@facegate/core',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-converter',
    '@vladmandic/face-api',
    '@vladmandic/human',
    'sharp',
    'vitest',
  ],
});
