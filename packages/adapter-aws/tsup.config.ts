import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
  },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  external: [
    '@facegate/core',
    '@aws-sdk/client-rekognition',
    '@aws-sdk/client-sts',
    '@aws-sdk/client-cognito-identity',
    '@smithy/eventstream-codec',
    '@smithy/util-utf8',
    'msw',
    'selfsigned',
    'ws',
    'zod',
  ],
});
