import { z } from 'zod';
import { reasonCodeSchema } from '../reasons/reason-codes';
import { decisionSchema, rawResponseSchema, unitScoreSchema, warningSchema } from './common';

/** A face stored in a collection. */
export const indexedFaceSchema = z.strictObject({
  /** The provider's id for the stored face. */
  faceId: z.string().min(1),
  externalId: z.string(),
  /** Problems seen on the indexed image (e.g. several faces: the largest was indexed). */
  reasons: z.array(reasonCodeSchema),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** The result of indexing one face. */
export type IndexedFace = z.infer<typeof indexedFaceSchema>;

/** One candidate from a 1:N search. */
export const searchMatchSchema = z.strictObject({
  faceId: z.string(),
  externalId: z.string(),
  similarity: unitScoreSchema,
});
/** A search candidate. */
export type SearchMatch = z.infer<typeof searchMatchSchema>;

/** What an adapter reports for a search, before the policy. */
export const searchObservationSchema = z.strictObject({
  /** Candidates, most similar first. */
  matches: z.array(searchMatchSchema),
  reasons: z.array(reasonCodeSchema),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** An adapter's search finding. */
export type SearchObservation = z.infer<typeof searchObservationSchema>;

/** The result of a 1:N search, with the duplicate decision. */
export const faceSearchResultSchema = z.strictObject({
  provider: z.string(),
  matches: z.array(searchMatchSchema),
  /** True when the best candidate is at or above the duplicate threshold. */
  isDuplicate: z.boolean(),
  decision: decisionSchema,
  reasons: z.array(reasonCodeSchema),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** A policy-applied search result. `decision.outcome` is `pass` when the face is unique. */
export type FaceSearchResult = z.infer<typeof faceSearchResultSchema>;

/** The result of removing faces from a collection. */
export const removedFacesSchema = z.strictObject({
  removedFaceIds: z.array(z.string()),
  raw: rawResponseSchema,
  warnings: z.array(warningSchema),
});
/** Which faces were removed. */
export type RemovedFaces = z.infer<typeof removedFacesSchema>;
