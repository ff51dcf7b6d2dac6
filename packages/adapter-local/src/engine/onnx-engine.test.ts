import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { decodeImage, type RgbImage } from './decode-image';
import type { EngineFace } from './face-engine';
import { createOnnxEngine } from './onnx-engine';

// Real models in real worker threads; what the engine promises issue-16's rules and the match code.
const engine = createOnnxEngine({ workers: 1 });
const decoded = (bytes: Uint8Array | Buffer) => decodeImage({ data: new Uint8Array(bytes) });
const mainFace = async (image: RgbImage, antiSpoof = false) => {
  const frame = await engine.analyzeFrame(image, { antiSpoof });
  return frame.faces[0] as EngineFace;
};

beforeAll(() => engine.warmUp(), 60_000);
afterAll(() => engine.close());

describe('ONNX engine, per frame', () => {
  it('gives box, score, 68 + 5 landmarks inside the box, pose and eye state for a frontal face', async () => {
    const image = await decoded(readFixture('faces/obama-1.jpg'));
    const face = await mainFace(image);
    expect(engine.state()).toBe('ready');
    expect(face.score).toBeGreaterThan(0.9);
    const { box } = face;
    expect(face.landmarks).toHaveLength(68);
    expect(face.landmarks5).toHaveLength(5);
    const inside = ([x, y]: readonly [number, number]) =>
      x > box.x - 0.2 * box.width &&
      x < box.x + 1.2 * box.width &&
      y > box.y - 0.2 * box.height &&
      y < box.y + 1.2 * box.height;
    expect(face.landmarks.every(inside)).toBe(true);
    const [le, re, nose, ml, mr] = face.landmarks5;
    expect(le[0]).toBeLessThan(re[0]); // image-left eye first
    expect(nose[1]).toBeGreaterThan(le[1]);
    expect(ml[1]).toBeGreaterThan(nose[1]);
    expect(ml[0]).toBeLessThan(mr[0]);
    expect(Math.abs(face.pose?.yaw ?? 99)).toBeLessThan(15);
    expect(face.eyes?.left).toBeGreaterThan(0.5);
    expect(face.eyes?.right).toBeGreaterThan(0.5);
    expect(face.antiSpoof).toBeNull(); // only when asked
  });

  it('reports yaw with the engine sign convention: a mirrored photo flips it', async () => {
    const bytes = readFixture('faces/harington-2.jpg');
    const turned = await mainFace(await decoded(bytes));
    const mirrored = await mainFace(await decoded(await sharp(bytes).flop().jpeg().toBuffer()));
    expect(Math.abs(turned.pose?.yaw ?? 0)).toBeGreaterThan(15);
    expect(Math.sign(turned.pose?.yaw ?? 0)).toBe(-Math.sign(mirrored.pose?.yaw ?? 0));
    // The nose is on the side the yaw says: yaw > 0 ⇔ nose right of the eye midpoint.
    const mid = (turned.landmarks5[0][0] + turned.landmarks5[1][0]) / 2;
    expect(Math.sign(turned.landmarks5[2][0] - mid)).toBe(Math.sign(turned.pose?.yaw ?? 0));
  });

  it('reports roll > 0 for a face rotated clockwise', async () => {
    const rotated = await sharp(readFixture('faces/obama-1.jpg'))
      .rotate(12, { background: '#808080' })
      .jpeg()
      .toBuffer();
    expect((await mainFace(await decoded(rotated))).pose?.roll).toBeGreaterThan(6);
  });

  it('reads downcast, nearly shut eyes as less open than open eyes', async () => {
    const open = await mainFace(await decoded(readFixture('faces/obama-1.jpg')));
    const shut = await mainFace(await decoded(readFixture('faces/live-crop-1.jpg')));
    expect((shut.eyes?.left ?? 1) + (shut.eyes?.right ?? 1)).toBeLessThan(
      (open.eyes?.left ?? 0) + (open.eyes?.right ?? 0) - 0.5,
    );
  });

  it('scores the anti-spoof sample of its upstream repo as real and its printed-photo samples as spoofs', async () => {
    const live = await mainFace(await decoded(readFixture('faces/live-crop-1.jpg')), true);
    const spoof = await mainFace(await decoded(readFixture('faces/spoof-crop-1.jpg')), true);
    expect(live.antiSpoof?.real).toBeGreaterThan(0.5);
    expect(spoof.antiSpoof?.real).toBeLessThan(0.5);
    for (const s of [live.antiSpoof, spoof.antiSpoof])
      expect(s?.real).toBeCloseTo(((s?.v2 ?? 0) + (s?.v1se ?? 0)) / 2, 6);
  });

  it('finds every face of a two-person photo, most confident first', async () => {
    const frame = await engine.analyzeFrame(await decoded(readFixture('faces/multi-two-people.jpg')));
    expect(frame.faces.length).toBe(2);
    expect(frame.faces[0]?.score).toBeGreaterThanOrEqual(frame.faces[1]?.score ?? 1);
  });

  it('finds no face on a plain picture', async () => {
    const blank = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#6a8caf' } })
      .png()
      .toBuffer();
    expect((await engine.analyzeFrame(await decoded(blank))).faces).toEqual([]);
  });
});

describe('ONNX engine, embeddings', () => {
  it('gives unit-length embeddings of the advertised length; the same person is closer than another', async () => {
    const [a, b, c] = await Promise.all(
      ['faces/obama-1.jpg', 'faces/obama-2.jpg', 'faces/biden-1.jpg'].map(async (f) => {
        const faces = await engine.describeFaces(await decoded(readFixture(f)));
        return (faces[0] as { descriptor: Float32Array }).descriptor;
      }),
    );
    const dot = (x: Float32Array, y: Float32Array) => x.reduce((s, v, i) => s + v * (y[i] as number), 0);
    for (const d of [a, b, c]) {
      expect(d?.length).toBe(engine.embeddingLength);
      expect(dot(d as Float32Array, d as Float32Array)).toBeCloseTo(1, 4);
    }
    expect(dot(a as Float32Array, b as Float32Array)).toBeGreaterThan(dot(a as Float32Array, c as Float32Array) + 0.3);
  });

  it('embeds at given 5 points the same as the detector pass does', async () => {
    const image = await decoded(readFixture('faces/obama-1.jpg'));
    const [face] = await engine.describeFaces(image);
    const again = await engine.describeAt(image, face?.landmarks5 as never);
    expect(Array.from(again)).toEqual(Array.from(face?.descriptor ?? []));
  });
});
