import type { Facegate } from '@facegate/core';
import { faceDetail, NEAR_COPY_THRESHOLD, nearCopySimilarity } from './near-copy';
import type { PreparedDocument } from './prepare-document';

/** What the copy check found. */
export type CopyCheck =
  | { verdict: 'copy' | 'distinct'; similarity: number }
  /** No face was found in the capture to compare with: the match step decides. */
  | { verdict: 'unjudged' };

/**
 * Is the document the liveness capture (or a near copy of it)? The capture's
 * face is found with the documents provider, the two faces' detail compared
 * ({@link nearCopySimilarity}). Uses one face detection of the capture.
 */
export async function checkCopyOfCapture(
  capture: Uint8Array,
  document: Extract<PreparedDocument, { status: 'face_found' }>,
  documents: Facegate,
  signal?: AbortSignal,
): Promise<CopyCheck> {
  const report = await documents.analyzeQuality({ image: capture }, { signal });
  const faces = [...report.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  const face = faces[0];
  if (!face) return { verdict: 'unjudged' };
  const [captured, documented] = await Promise.all([
    faceDetail(capture, face.box),
    faceDetail(document.upright, document.box),
  ]);
  const similarity = nearCopySimilarity(captured, documented);
  return { verdict: similarity >= NEAR_COPY_THRESHOLD ? 'copy' : 'distinct', similarity };
}
