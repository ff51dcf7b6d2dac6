import type { ReasonCode } from '@facegate/core';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { awsFacegate, base64Fixture, useRekognition } from './aws-test-setup';
import { box, detectFacesBody, type FaceDetailSpec, faceDetail } from './testing/rekognition-wire';

const rekognition = useRekognition();
const photo = readFixture('faces/obama-1.jpg'); // 910×1137 pixels

async function reasonsFor(...faces: FaceDetailSpec[]): Promise<ReasonCode[]> {
  rekognition.arrange('DetectFaces', { type: 'json', body: detectFacesBody(faces.map((f) => faceDetail(f))) });
  const report = await awsFacegate().analyzeQuality({ image: photo });
  return report.reasons;
}

describe('analyzeQuality', () => {
  it('sends DetectFaces with the DEFAULT and EYES_OPEN attributes', async () => {
    await awsFacegate().analyzeQuality({ image: photo });
    expect(rekognition.requests[0]?.headers['x-amz-target']).toBe('RekognitionService.DetectFaces');
    expect(rekognition.requests[0]?.body).toEqual({
      Image: { Bytes: base64Fixture('faces/obama-1.jpg') },
      Attributes: ['DEFAULT', 'EYES_OPEN'],
    });
  });

  it('reports a good face with its box, pose and metrics, and passes it', async () => {
    rekognition.arrange('DetectFaces', {
      type: 'json',
      body: detectFacesBody([
        faceDetail({
          box: box(0.3, 0.25, 0.4, 0.5),
          brightness: 60,
          sharpness: 70,
          yaw: 5,
          pitch: -3,
          roll: 2,
          eyesOpen: { value: true, confidence: 99 },
        }),
      ]),
    });
    const report = await awsFacegate().analyzeQuality({ image: photo });
    expect(report.faces).toHaveLength(1);
    expect(report.faces[0]).toMatchObject({
      box: { left: 0.3, top: 0.25, width: 0.4, height: 0.5 },
      pose: { yaw: 5, pitch: -3, roll: 2 },
    });
    expect(report.faces[0]?.confidence).toBeCloseTo(0.9999, 10);
    expect(report.metrics).toMatchObject({ brightness: 0.6, sharpness: 0.7, eyesOpen: true });
    expect(report.metrics.faceAreaRatio).toBeCloseTo(0.2, 10);
    expect(report.metrics.centerOffset).toBeCloseTo(0, 10);
    expect(report.decision).toEqual({ outcome: 'pass', reasons: [] });
  });

  it('reports no face and several faces', async () => {
    expect(await reasonsFor()).toEqual(['no_face']);
    expect(await reasonsFor({ box: box(0.1, 0.2, 0.3, 0.4) }, { box: box(0.6, 0.2, 0.2, 0.3) })).toEqual([
      'multiple_faces',
    ]);
  });

  it.each([
    ['too_dark', { brightness: 20 }],
    ['too_bright', { brightness: 95 }],
    ['blurry', { sharpness: 6 }],
    ['head_pose', { yaw: -42 }],
    ['head_pose', { pitch: 35 }],
    ['eyes_closed', { eyesOpen: { value: false, confidence: 95 } }],
    ['face_cut_off', { box: box(-0.05, 0.2, 0.6, 0.6) }],
    ['off_center', { box: box(0.7, 0.05, 0.25, 0.3) }],
    ['face_too_close', { box: box(0.05, 0.05, 0.9, 0.9) }],
  ] as const)('maps the measurement to %s', async (reason, spec) => {
    expect(await reasonsFor(spec as FaceDetailSpec)).toEqual([reason]);
  });

  it('flags a face that is small in pixels or in the frame', async () => {
    // 0.06 × 910 px ≈ 55 px wide, under 80 px; its area is 0.0054 of the frame.
    expect(await reasonsFor({ box: box(0.47, 0.46, 0.06, 0.09) })).toEqual(['face_too_small', 'face_too_far']);
  });

  it('does not flag closed eyes Rekognition is unsure about', async () => {
    expect(await reasonsFor({ eyesOpen: { value: false, confidence: 55 } })).toEqual([]);
  });

  it('measures the largest face when there are several', async () => {
    rekognition.arrange('DetectFaces', {
      type: 'json',
      body: detectFacesBody([
        faceDetail({ box: box(0.05, 0.1, 0.1, 0.12), brightness: 10 }),
        faceDetail({ box: box(0.3, 0.25, 0.4, 0.5), brightness: 66 }),
      ]),
    });
    const report = await awsFacegate().analyzeQuality({ image: photo });
    expect(report.metrics.brightness).toBe(0.66);
    expect(report.reasons).toEqual(['multiple_faces']);
  });

  it('lets the app move the cut-offs', async () => {
    rekognition.arrange('DetectFaces', { type: 'json', body: detectFacesBody([faceDetail({ brightness: 30 })]) });
    const report = await awsFacegate({ qualityThresholds: { minBrightness: 35 } }).analyzeQuality({ image: photo });
    expect(report.reasons).toEqual(['too_dark']);
  });

  it('answers from the simulated service state with one face by default', async () => {
    const report = await awsFacegate().analyzeQuality({ image: photo });
    expect(report.faces).toHaveLength(1);
    expect(report.metrics.eyesOpen).toBe(true);
  });
});
