import { createFacegate, DEFAULT_IMAGE_CONSTRAINTS, type FaceProvider, validateImage } from '@facegate/core';
import { toRawResponse } from '@facegate/core/adapter-kit';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { prepareDocument } from './prepare-document';

/** A documents provider that reports one face box and records the image size it was given. */
function spyDetector(box = { left: 0.25, top: 0.2, width: 0.5, height: 0.5 }, faces = 1) {
  const seen: { width: number; height: number }[] = [];
  const provider: FaceProvider = {
    specificationVersion: 'v2',
    provider: 'spy',
    capabilities: ['quality'],
    mediaConstraints: { image: DEFAULT_IMAGE_CONSTRAINTS },
    async doAnalyzeQuality({ image }) {
      seen.push({ width: image.width as number, height: image.height as number });
      return {
        faces: Array.from({ length: faces }, () => ({ box, confidence: 0.99 })),
        metrics: { brightness: 0.5, sharpness: 0.5, faceAreaRatio: 0.25, centerOffset: 0, eyesOpen: true },
        reasons: [],
        raw: toRawResponse({}),
        warnings: [],
      };
    },
  };
  return { seen, documents: createFacegate({ provider }) };
}

describe('prepareDocument', () => {
  it('rotates a sideways photo upright from its EXIF orientation before finding the face', async () => {
    // Stored 400×300 (landscape) with Orientation 6: it displays as a 300×400 portrait.
    const sideways = await sharp(readFixture('faces/obama-1.jpg'))
      .rotate(-90)
      .resize(400, 300, { fit: 'fill' })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const { seen, documents } = spyDetector();
    const prepared = await prepareDocument(
      validateImage(new Uint8Array(sideways), DEFAULT_IMAGE_CONSTRAINTS),
      documents,
    );
    expect(seen).toEqual([{ width: 300, height: 400 }]);
    expect(prepared.status).toBe('face_found');
  });

  it('crops the face with a margin and returns a small preview', async () => {
    const { documents } = spyDetector({ left: 0.4, top: 0.4, width: 0.2, height: 0.2 });
    const prepared = await prepareDocument(
      validateImage(readFixture('faces/obama-1.jpg'), DEFAULT_IMAGE_CONSTRAINTS),
      documents,
    );
    if (prepared.status !== 'face_found') throw new Error(prepared.status);
    const meta = await sharp(prepared.face).metadata();
    // 0.2 of 910 px wide plus 35 % each side ≈ 309 px.
    expect(meta.width).toBeGreaterThan(290);
    expect(meta.width).toBeLessThan(330);
    expect(prepared.preview.length).toBeLessThan(20_000);
  });

  it.each([
    [0, 'no_face'],
    [2, 'multiple_faces'],
  ] as const)('reports %s faces as %s', async (faces, status) => {
    const { documents } = spyDetector(undefined, faces);
    expect(
      (await prepareDocument(validateImage(readFixture('faces/obama-1.jpg'), DEFAULT_IMAGE_CONSTRAINTS), documents))
        .status,
    ).toBe(status);
  });

  it('refuses a face too small to compare', async () => {
    const { documents } = spyDetector({ left: 0.5, top: 0.5, width: 0.02, height: 0.02 });
    expect(
      (await prepareDocument(validateImage(readFixture('faces/obama-1.jpg'), DEFAULT_IMAGE_CONSTRAINTS), documents))
        .status,
    ).toBe('face_too_small');
  });
});
