import { defineConfig } from 'tsup';

// Model files stay in models/ and onnxruntime-node (native) in its package; both
// are resolved at run time, never bundled. The worker is its own entry: the pool
// starts it by file path.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'engine-worker': 'src/engine/engine-worker.ts',
  },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['@facegate/core', 'onnxruntime-node', 'piscina', 'sharp', 'vitest'],
});
