import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../../test-support/fixtures';
import { buildChallenge, parseChallengeSteps } from './challenge-option';
import { readFramesDir } from './read-frames-dir';

const root = mkdtempSync(join(tmpdir(), 'facegate-frames-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function framesDir(name: string, files: Record<string, number>): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [file, mtimeSec] of Object.entries(files)) {
    copyFileSync(fixturePath('faces/obama-1.jpg'), join(dir, file));
    utimesSync(join(dir, file), mtimeSec, mtimeSec);
  }
  return dir;
}

describe('readFramesDir', () => {
  it('orders by name with numbers compared as numbers, spaced by the interval', async () => {
    const dir = framesDir('order', { 'f10.jpg': 1, 'f2.png': 2, 'f1.JPG': 3 });
    writeFileSync(join(dir, '.DS_Store'), 'x');
    writeFileSync(join(dir, 'readme.md'), 'x');
    const read = await readFramesDir(dir, root, { timing: 'order', intervalMs: 250 });
    expect(read.files.map((f) => f.split(/[\\/]/).pop())).toEqual(['f1.JPG', 'f2.png', 'f10.jpg']);
    expect(read.frames.map((f) => f.capturedAtMs)).toEqual([0, 250, 500]);
    expect(read.skipped).toBe(1);
  });

  it('orders by modification time with --frame-times mtime', async () => {
    const dir = framesDir('mtime', { 'a.jpg': 1000.9, 'b.jpg': 1000, 'c.jpg': 1000.4 });
    const read = await readFramesDir(dir, root, { timing: 'mtime', intervalMs: 0 });
    expect(read.files.map((f) => f.split(/[\\/]/).pop())).toEqual(['b.jpg', 'c.jpg', 'a.jpg']);
    expect(read.frames.map((f) => f.capturedAtMs)).toEqual([0, 400, 900]);
  });

  it('refuses a directory without frames, and a frame that is not an image', async () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    await expect(readFramesDir(empty, root, { timing: 'order', intervalMs: 1 })).rejects.toMatchObject({
      code: 'input_error',
      message: expect.stringMatching(/has no frames/),
    });
    const fake = framesDir('fake', {});
    writeFileSync(join(fake, 'frame-1.jpg'), 'not really a jpeg');
    await expect(readFramesDir(fake, root, { timing: 'order', intervalMs: 1 })).rejects.toThrow(
      /frame-1\.jpg is not an image/,
    );
  });
});

describe('--challenge', () => {
  it('puts look_straight first and accepts dashes and case', () => {
    expect(parseChallengeSteps('turn-left, BLINK')).toEqual(['look_straight', 'turn_left', 'blink']);
    expect(parseChallengeSteps('look_straight,turn_right')).toEqual(['look_straight', 'turn_right']);
    expect(parseChallengeSteps(undefined)).toEqual(['look_straight']);
  });

  it.each([
    ['', /needs actions/],
    ['jump', /unknown action 'jump'/],
    ['blink,blink,blink,blink,blink,blink,blink,blink', /at most 8 steps/],
  ])('refuses %j', (value, message) => {
    expect(() => parseChallengeSteps(value)).toThrow(message);
  });

  it('builds a challenge core accepts: fresh nonce, expiry one step timeout per step plus one', () => {
    const now = new Date('2030-01-01T00:00:00.000Z');
    const a = buildChallenge(['look_straight', 'blink'], 4000, now);
    expect(a).toMatchObject({
      issuedAt: now.toISOString(),
      expiresAt: '2030-01-01T00:00:12.000Z',
      stepTimeoutMs: 4000,
    });
    expect(a.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(buildChallenge(['look_straight'], 4000, now).nonce).not.toBe(a.nonce);
  });
});
