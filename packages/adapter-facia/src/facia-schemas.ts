import { z } from 'zod';

// Lenient: extra fields pass; the fields the adapter reads are required. Flags
// and scores are read loosely (numbers, numeric strings, booleans) and then
// checked strictly by the mapping, which refuses anything it cannot read.
const flag = z.union([z.number(), z.string(), z.boolean()]);
const score = z.union([z.number(), z.string()]);

/** The 201 body of `POST /process_face`. */
export const processFaceResultSchema = z.looseObject({
  face_similarity_result: z.looseObject({ is_match: flag, similarity_score: score }),
  liveness_result: z.looseObject({ is_live: flag, liveness_score: score }),
  /** "Success" or "Fail"; kept optional so a missing one is flagged rather than refused. */
  message: z.string().optional(),
});
/** A parsed `process_face` result body. */
export type ProcessFaceResult = z.infer<typeof processFaceResultSchema>;

/** Facia's error bodies: `{"error": "..."}` or `{"message": "..."}`. */
export const faciaErrorBodySchema = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
});
/** A parsed Facia error body. */
export type FaciaErrorBody = z.infer<typeof faciaErrorBodySchema>;
