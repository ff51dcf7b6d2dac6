import { z } from 'zod';

// Lenient schemas for Rekognition answers as the SDK hands them over: extra
// fields pass, the fields the adapter reads are required and typed. Shapes
// follow the SDK's type definitions (@aws-sdk/client-rekognition).

const num = z.number().finite();

/** `BoundingBox`: ratios of the image size; may reach past the edges. */
export const boundingBoxWire = z.looseObject({ Width: num, Height: num, Left: num, Top: num });

/** `S3Object`. */
export const s3ObjectWire = z.looseObject({
  Bucket: z.string().min(1),
  Name: z.string().min(1),
  Version: z.string().optional(),
});

/** `AuditImage`: bytes, or where the image was stored. */
export const auditImageWire = z.looseObject({
  Bytes: z.instanceof(Uint8Array).optional(),
  S3Object: s3ObjectWire.optional(),
  BoundingBox: boundingBoxWire.optional(),
});

/** Face Liveness session states. */
export const LIVENESS_STATUSES = ['CREATED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'EXPIRED'] as const;

/** `CreateFaceLivenessSessionResponse`. */
export const createSessionWire = z.looseObject({ SessionId: z.string().regex(/^[A-Za-z0-9_.:-]{1,256}$/) });

/** `GetFaceLivenessSessionResultsResponse`. */
export const sessionResultsWire = z.looseObject({
  SessionId: z.string().min(1),
  Status: z.enum(LIVENESS_STATUSES),
  Confidence: num.optional(),
  ReferenceImage: auditImageWire.optional(),
  AuditImages: z.array(auditImageWire).optional(),
  Feedback: z.array(z.looseObject({ Code: z.string(), Message: z.string().optional() })).optional(),
});
/** A parsed `GetFaceLivenessSessionResults` answer. */
export type SessionResultsWire = z.infer<typeof sessionResultsWire>;

/** `ComparedFace` and friends: a detected face with its box. */
const comparedFaceWire = z.looseObject({ BoundingBox: boundingBoxWire.optional(), Confidence: num.optional() });

/** `CompareFacesResponse`. */
export const compareFacesWire = z.looseObject({
  SourceImageFace: comparedFaceWire.optional(),
  FaceMatches: z.array(z.looseObject({ Similarity: num, Face: comparedFaceWire.optional() })),
  UnmatchedFaces: z.array(comparedFaceWire).optional(),
});
/** A parsed `CompareFaces` answer. */
export type CompareFacesWire = z.infer<typeof compareFacesWire>;

/** `FaceDetail` as DetectFaces returns it (the fields the quality mapping reads). */
export const faceDetailWire = z.looseObject({
  BoundingBox: boundingBoxWire,
  Confidence: num,
  Pose: z.looseObject({ Roll: num, Yaw: num, Pitch: num }).optional(),
  Quality: z.looseObject({ Brightness: num, Sharpness: num }).optional(),
  EyesOpen: z.looseObject({ Value: z.boolean(), Confidence: num }).optional(),
});
/** A parsed `FaceDetail`. */
export type FaceDetailWire = z.infer<typeof faceDetailWire>;

/** `DetectFacesResponse`. */
export const detectFacesWire = z.looseObject({ FaceDetails: z.array(faceDetailWire) });

/** `CreateCollectionResponse`. */
export const createCollectionWire = z.looseObject({ StatusCode: z.number().int() });

/** `Face`: a face stored in a collection. */
const storedFaceWire = z.looseObject({
  FaceId: z.string().min(1),
  ExternalImageId: z.string().optional(),
});

/** `IndexFacesResponse`. */
export const indexFacesWire = z.looseObject({
  FaceRecords: z.array(z.looseObject({ Face: storedFaceWire })),
  UnindexedFaces: z.array(z.looseObject({ Reasons: z.array(z.string()).optional() })).optional(),
});

/** `SearchFacesByImageResponse`. */
export const searchFacesWire = z.looseObject({
  FaceMatches: z.array(z.looseObject({ Similarity: num, Face: storedFaceWire })),
});

/** `ListFacesResponse`. */
export const listFacesWire = z.looseObject({
  Faces: z.array(storedFaceWire),
  NextToken: z.string().min(1).optional(),
});

/** `DeleteFacesResponse`. */
export const deleteFacesWire = z.looseObject({
  DeletedFaces: z.array(z.string()),
  UnsuccessfulFaceDeletions: z
    .array(z.looseObject({ FaceId: z.string().optional(), Reasons: z.array(z.string()).optional() }))
    .optional(),
});
