import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'spec/index': 'src/spec/index.ts',
    'adapter-kit/index': 'src/adapter-kit/index.ts',
    'testing/index': 'src/testing/index.ts',
    'vendor-mock/index': 'src/vendor-mock/index.ts',
    'scenario/index': 'src/scenario/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: ['vitest', 'msw', 'msw/node'],
});
