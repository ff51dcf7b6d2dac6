import { describe, expect, it } from 'vitest';
import type { DetectedFace, FrameObservation } from '../detector/face-observation';
import { faceHint } from './face-feedback';
import { ovalFor } from './oval';

const W = 640;
const H = 480;
const oval = ovalFor(W, H);

/** A face of `share` of the oval's height, centred at (cx, cy). */
function face(share = 0.75, cx = oval.cx, cy = oval.cy): DetectedFace {
  const height = 2 * oval.ry * share;
  const width = height * 0.8;
  return { box: { x: cx - width / 2, y: cy - height / 2, width, height }, score: 0.9 };
}

function obs(faces: DetectedFace[], luma = 120): FrameObservation {
  return { faces, luma, width: W, height: H, at: 0 };
}

describe('faceHint', () => {
  it('says ok for one well-placed, well-lit, still face', () => {
    expect(faceHint(obs([face()]), obs([face()]))).toBe('ok');
  });
  it('asks for a face when there is none', () => {
    expect(faceHint(obs([]))).toBe('no_face');
  });
  it('says too dark when nothing is visible in a dark frame', () => {
    expect(faceHint(obs([], 20))).toBe('too_dark');
  });
  it('asks for one face only', () => {
    expect(faceHint(obs([face(), face(0.7, 100, 100)]))).toBe('multiple_faces');
  });
  it('reports light before distance', () => {
    expect(faceHint(obs([face(0.2)], 20))).toBe('too_dark');
    expect(faceHint(obs([face()], 240))).toBe('too_bright');
  });
  it('asks to move closer or back', () => {
    expect(faceHint(obs([face(0.3)]))).toBe('too_far');
    expect(faceHint(obs([face(1.3)]))).toBe('too_close');
  });
  it('asks to centre the face', () => {
    expect(faceHint(obs([face(0.75, oval.cx + oval.rx * 0.8)]))).toBe('off_center');
    expect(faceHint(obs([face(0.75, oval.cx, oval.cy - oval.ry * 0.6)]))).toBe('off_center');
  });
  it('asks to hold still when the face moved since the last frame', () => {
    expect(faceHint(obs([face(0.75, oval.cx + 30)]), obs([face()]))).toBe('hold_still');
  });
});
