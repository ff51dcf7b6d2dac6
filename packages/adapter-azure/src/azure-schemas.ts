import { z } from 'zod';

// Lenient views of Azure Face v1.2 answers (shapes from @azure-rest/ai-vision-face
// outputModels): extra fields pass, the fields the adapter reads are required.

/** A face box in pixels. */
export const faceRectangleSchema = z.looseObject({
  top: z.number(),
  left: z.number(),
  width: z.number().min(0),
  height: z.number().min(0),
});

/** `{ error: { code, message } }`, the body of every Azure Face error. */
export const azureErrorBodySchema = z.looseObject({
  error: z.looseObject({ code: z.union([z.string(), z.number()]).optional(), message: z.string().optional() }),
});

/** One entry of `POST /detect`. */
export const detectedFaceSchema = z.looseObject({
  faceId: z.string().min(1).optional(),
  faceRectangle: faceRectangleSchema,
  faceAttributes: z.looseObject({ qualityForRecognition: z.string().optional() }).nullish(),
});
/** The answer of `POST /detect`: faces, largest first. */
export const detectAnswerSchema = z.array(detectedFaceSchema);
/** A detected face as the adapter reads it. */
export type AzureDetectedFace = z.infer<typeof detectedFaceSchema>;

/** The answer of `POST /verify`. */
export const verifyAnswerSchema = z.looseObject({ isIdentical: z.boolean(), confidence: z.number() });

const verifyResultSchema = z.looseObject({ matchConfidence: z.number(), isIdentical: z.boolean() });

/** The result of one liveness attempt (with `verifyResult` for with-verify sessions). */
export const livenessAttemptResultSchema = z.looseObject({
  livenessDecision: z.string().nullish(),
  /** Integrity check of the result; the web SDK reports the same value to the browser. */
  digest: z.string().nullish(),
  verifyResult: verifyResultSchema.nullish(),
});

/** One attempt of a session (`result` or `error`). */
export const livenessAttemptSchema = z.looseObject({
  attemptId: z.number().int(),
  attemptStatus: z.string(),
  result: livenessAttemptResultSchema.nullish(),
  error: z.looseObject({ code: z.string(), message: z.string().optional() }).nullish(),
});
/** One attempt as the adapter reads it. */
export type AzureLivenessAttempt = z.infer<typeof livenessAttemptSchema>;

/** The face found on a with-verify reference image. */
export const verifyReferenceSchema = z.looseObject({
  faceRectangle: faceRectangleSchema.optional(),
  qualityForRecognition: z.string().optional(),
});

/** `LivenessSessionOutput` / `LivenessWithVerifySessionOutput` (create and get answer). */
export const livenessSessionSchema = z.looseObject({
  sessionId: z.string().min(1),
  authToken: z.string().optional(),
  status: z.string(),
  modelVersion: z.string().optional(),
  results: z.looseObject({
    attempts: z.array(livenessAttemptSchema),
    verifyReferences: z.array(verifyReferenceSchema).optional(),
  }),
});
/** A session answer as the adapter reads it. */
export type AzureLivenessSession = z.infer<typeof livenessSessionSchema>;

/** The create answer: the session plus the browser's token, which is required here. */
export const createdSessionSchema = livenessSessionSchema.extend({ authToken: z.string().min(1) });
