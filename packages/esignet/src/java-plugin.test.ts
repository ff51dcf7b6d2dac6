// The Java plugin (compiled here with javac against the SPI stand-in and
// Debian's Jackson/JUnit jars) runs its JUnit test against this real service
// on loopback.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScenarioProvider } from '@facegate/core/scenario';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePlugin, missingJavaTools, runJunit } from './replay/java-build';
import { type RunningService, startService } from './service/run';

const TOKEN = 'test-token-0123456789abcdef';
let service: RunningService;
let frameFile: string;

beforeAll(async () => {
  service = await startService({
    env: {
      HOST: '127.0.0.1',
      PORT: '0',
      PGLITE_DATA_DIR: 'memory',
      ESIGNET_SERVICE_TOKEN: TOKEN,
      ESIGNET_VERIFIED_CLAIMS: 'fullName',
      ESIGNET_TRUST_FRAMEWORK: 'test-framework',
    },
    providers: [createScenarioProvider({ mode: 'happy' })],
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const jpeg = await sharp({ create: { width: 160, height: 100, channels: 3, background: '#806050' } })
    .jpeg({ quality: 1 })
    .toBuffer();
  frameFile = join(mkdtempSync(join(tmpdir(), 'facegate-esignet-frame-')), 'frame.b64');
  writeFileSync(frameFile, jpeg.toString('base64'));
}, 60_000);
afterAll(() => service?.close());

describe('Java plugin (FacegateIdentityVerifierPlugin)', () => {
  it('compiles against the SPI stand-in and passes its JUnit test against the service', async () => {
    const missing = missingJavaTools();
    expect(missing, `install: ${missing.join('; ')} (npm test installs them on Debian)`).toEqual([]);
    const { classpath } = compilePlugin();
    const run = await runJunit(classpath, {
      'facegate.test.url': service.url,
      'facegate.test.token': TOKEN,
      'facegate.test.frame': frameFile,
    });
    expect(run.output).toMatch(/OK \(5 tests\)/);
    expect(run.status).toBe(0);
  }, 120_000);
});
