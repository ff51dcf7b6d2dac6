import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built package in a fresh process: the worker pool must not keep the process alive after the work is done.
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const core = fileURLToPath(new URL('../../core/dist/index.js', import.meta.url));
const photo = fileURLToPath(new URL('../../../fixtures/faces/obama-1.jpg', import.meta.url));

function runScript(source: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', source], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the engine pool in a real process', () => {
  it('answers, then lets the process exit by itself (no close() called)', async () => {
    const run = await runScript(`
      import { readFileSync } from 'node:fs';
      import { createFacegate } from ${JSON.stringify(core)};
      import { createLocalProvider } from ${JSON.stringify(dist)};
      const fg = createFacegate({ provider: createLocalProvider() });
      const q = await fg.analyzeQuality({ image: new Uint8Array(readFileSync(${JSON.stringify(photo)})) });
      console.log('faces', q.faces.length);
    `);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('faces 1');
    expect(run.code).toBe(0);
  }, 90_000);

  it('closes its own pool on close() and exits', async () => {
    const run = await runScript(`
      import { createLocalProvider } from ${JSON.stringify(dist)};
      const provider = createLocalProvider({ workers: 1 });
      await provider.warmUp();
      await provider.close();
      console.log('closed');
    `);
    expect(run.stdout.trim()).toBe('closed');
    expect(run.code).toBe(0);
  }, 90_000);
});
