import type { BoundingBox, Facegate, ValidatedMedia } from '@facegate/core';
import sharp from 'sharp';
import { STRICT_DECODE, undecodable } from './decodable';

/** The ID document after orientation fix and face extraction. */
export type PreparedDocument =
  | {
      status: 'face_found';
      face: Uint8Array;
      preview: string;
      /** The upright, size-bounded document and its face's box: what the copy check compares. */
      upright: Uint8Array;
      box: BoundingBox;
    }
  | { status: 'no_face' | 'multiple_faces' | 'face_too_small'; faces: number };

const MAX_SIDE = 1600;
const FACE_MARGIN = 0.35;
const PREVIEW_SIDE = 160;
/** A document face narrower than this (in pixels, after orientation) is too small to compare. */
const MIN_FACE_PX = 48;

/**
 * Turn an uploaded document photo into a face crop: apply the EXIF
 * orientation, bound its size, find the faces with the documents provider and
 * crop the single face with a margin. No face, several faces or a face too
 * small to compare → the caller asks for another photo. Pixels that do not
 * decode (any decoder warning counts) → `invalid_input`, `issue: undecodable`.
 */
export async function prepareDocument(
  image: ValidatedMedia,
  documents: Facegate,
  signal?: AbortSignal,
): Promise<PreparedDocument> {
  const oriented = await sharp(image.data, STRICT_DECODE)
    .rotate()
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 92 })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw undecodable('image');
    });
  const report = await documents.analyzeQuality({ image: new Uint8Array(oriented.data) }, { signal });
  if (report.faces.length === 0) return { status: 'no_face', faces: 0 };
  if (report.faces.length > 1) return { status: 'multiple_faces', faces: report.faces.length };
  const box = (report.faces[0] as { box: BoundingBox }).box;
  if (box.width * oriented.info.width < MIN_FACE_PX) return { status: 'face_too_small', faces: 1 };
  const face = await cropFace(oriented.data, oriented.info.width, oriented.info.height, box);
  const preview = await sharp(face)
    .resize({ width: PREVIEW_SIDE, height: PREVIEW_SIDE, fit: 'inside' })
    .jpeg({ quality: 80 })
    .toBuffer();
  return {
    status: 'face_found',
    face: new Uint8Array(face),
    preview: `data:image/jpeg;base64,${preview.toString('base64')}`,
    upright: new Uint8Array(oriented.data),
    box,
  };
}

async function cropFace(jpeg: Buffer, width: number, height: number, box: BoundingBox): Promise<Buffer> {
  const marginX = box.width * FACE_MARGIN;
  const marginY = box.height * FACE_MARGIN;
  const left = Math.max(0, Math.floor((box.left - marginX) * width));
  const top = Math.max(0, Math.floor((box.top - marginY) * height));
  const right = Math.min(width, Math.ceil((box.left + box.width + marginX) * width));
  const bottom = Math.min(height, Math.ceil((box.top + box.height + marginY) * height));
  return sharp(jpeg)
    .extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) })
    .jpeg({ quality: 92 })
    .toBuffer();
}
