/**
 * Rekognition's wire format (awsJson1_1) for the simulated service: the
 * operations facegate uses, documented error names with their HTTP status,
 * and builders for answer bodies as Rekognition sends them (base64 for
 * blobs). Shapes follow the type definitions of `@aws-sdk/client-rekognition`.
 */

/** Operations the simulated Rekognition answers (the `X-Amz-Target` suffix). */
export const REKOGNITION_OPERATIONS = [
  'CreateFaceLivenessSession',
  'GetFaceLivenessSessionResults',
  'CompareFaces',
  'DetectFaces',
  'CreateCollection',
  'IndexFaces',
  'SearchFacesByImage',
  'ListFaces',
  'DeleteFaces',
] as const;
/** One simulated Rekognition operation. */
export type RekognitionOperation = (typeof REKOGNITION_OPERATIONS)[number];

/**
 * Documented errors and the HTTP status Rekognition answers them with (API
 * reference "Errors" sections and the error-handling guide; the AWS-wide
 * ones from the AWS common errors list). The message is a typical one.
 */
export const REKOGNITION_ERRORS = {
  AccessDeniedException: { status: 400, message: 'User is not authorized to perform this action.' },
  ImageTooLargeException: { status: 400, message: 'Image size is too large.' },
  InvalidImageFormatException: { status: 400, message: 'Request has invalid image format.' },
  InvalidParameterException: { status: 400, message: 'Request has invalid parameters.' },
  InvalidS3ObjectException: { status: 400, message: 'Request has invalid S3 object.' },
  InvalidPaginationTokenException: { status: 400, message: 'Invalid Pagination Token' },
  IdempotentParameterMismatchException: { status: 400, message: 'The ClientRequestToken is already in use.' },
  ProvisionedThroughputExceededException: { status: 400, message: 'Provisioned Rate exceeded.' },
  ResourceAlreadyExistsException: { status: 400, message: 'The collection id already exists.' },
  ResourceNotFoundException: { status: 400, message: 'The collection id does not exist.' },
  ServiceQuotaExceededException: { status: 400, message: 'The size of the collection exceeds the allowed limit.' },
  LimitExceededException: { status: 400, message: 'An Amazon Rekognition service limit was exceeded.' },
  SessionNotFoundException: { status: 400, message: 'Session not found.' },
  ThrottlingException: { status: 500, message: 'Service Unavailable' },
  InternalServerError: { status: 500, message: 'Internal server error' },
  // AWS-wide errors.
  UnrecognizedClientException: { status: 400, message: 'The security token included in the request is invalid.' },
  InvalidSignatureException: { status: 400, message: 'The request signature does not match.' },
  ExpiredTokenException: { status: 400, message: 'The security token included in the request is expired' },
  MissingAuthenticationTokenException: { status: 400, message: 'Missing Authentication Token' },
  UnknownOperationException: { status: 400, message: 'Unknown operation' },
  ServiceUnavailable: { status: 503, message: 'Service Unavailable' },
} as const satisfies Record<string, { status: number; message: string }>;
/** A documented error name the simulated service can answer with. */
export type RekognitionErrorName = keyof typeof REKOGNITION_ERRORS;

/** Errors Rekognition itself defines (their bodies carry `Code` and `Logref`). */
const SERVICE_ERRORS = new Set<string>([
  'AccessDeniedException',
  'ImageTooLargeException',
  'InvalidImageFormatException',
  'InvalidParameterException',
  'InvalidS3ObjectException',
  'InvalidPaginationTokenException',
  'IdempotentParameterMismatchException',
  'ProvisionedThroughputExceededException',
  'ResourceAlreadyExistsException',
  'ResourceNotFoundException',
  'ServiceQuotaExceededException',
  'LimitExceededException',
  'SessionNotFoundException',
  'ThrottlingException',
  'InternalServerError',
]);

/** An HTTP answer of the simulated service. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The content type Rekognition answers with. */
export const AMZ_JSON = 'application/x-amz-json-1.1';

/** A 200 answer with a JSON body. */
export function jsonAnswer(body: unknown, requestId: string): WireAnswer {
  return {
    status: 200,
    headers: { 'content-type': AMZ_JSON, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

/**
 * An error answer as Rekognition sends it: `{"__type","Code","Logref","Message"}`
 * (Rekognition's own errors) or `{"__type","message"}` (AWS-wide ones), with
 * `x-amzn-ErrorType` and `x-amzn-RequestId`.
 */
export function errorAnswer(
  name: string,
  requestId: string,
  options: { status?: number; message?: string; headers?: Record<string, string> } = {},
): WireAnswer {
  const known = (REKOGNITION_ERRORS as Record<string, { status: number; message: string }>)[name];
  const message = options.message ?? known?.message ?? name;
  const body = SERVICE_ERRORS.has(name)
    ? { __type: name, Code: name, Logref: requestId, Message: message }
    : { __type: name, message };
  return {
    status: options.status ?? known?.status ?? 400,
    headers: {
      'content-type': AMZ_JSON,
      'x-amzn-requestid': requestId,
      'x-amzn-errortype': SERVICE_ERRORS.has(name)
        ? `${name}:http://internal.amazon.com/coral/com.amazonaws.rekognition/`
        : name,
      ...options.headers,
    },
    body: JSON.stringify(body),
  };
}

/** Malformed 200 answers: not JSON, cut off, another schema, or empty. */
export type MalformedVariant = 'not_json' | 'truncated' | 'wrong_schema' | 'empty_body';

/** A malformed 200 answer of the given kind, derived from what the good answer would have been. */
export function malformedAnswer(variant: MalformedVariant, good: WireAnswer): WireAnswer {
  const ok = { ...good, status: 200 };
  switch (variant) {
    case 'not_json':
      return {
        ...ok,
        headers: { ...ok.headers, 'content-type': 'text/html' },
        body: '<html><body>502 Bad Gateway</body></html>',
      };
    case 'truncated':
      return { ...ok, body: ok.body.slice(0, Math.max(1, Math.floor(ok.body.length / 2))) };
    case 'wrong_schema':
      return { ...ok, body: JSON.stringify({ result: 'ok', data: [1, 2, 3] }) };
    case 'empty_body':
      return { ...ok, body: '' };
  }
}

// ---- Body builders (wire JSON). ----

/** A 96×96 grey JPEG, the simulated reference and audit image. */
export const SAMPLE_JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgoKC8oLzc3Nzc3N0E8QUNDQ0FBQUFDQ0NISEhVVVVISEhDQ0hIUFBVVVxfXFdXVVdfX2RkZHh4c3OMjJGsrM//xABKAAEAAAAAAAAAAAAAAAAAAAAAAQEAAAAAAAAAAAAAAAAAAAAAEAEAAAAAAAAAAAAAAAAAAAAAEQEAAAAAAAAAAAAAAAAAAAAA/8AAEQgAYABgAwEiAAIRAAMRAP/aAAwDAQACEQMRAD8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/9k=';

/** A Rekognition bounding box (ratios of the image size). */
export interface WireBox {
  Width: number;
  Height: number;
  Left: number;
  Top: number;
}

/** A bounding box. */
export function box(left: number, top: number, width: number, height: number): WireBox {
  return { Width: width, Height: height, Left: left, Top: top };
}

/** What to put into a simulated `FaceDetail`. */
export interface FaceDetailSpec {
  box?: WireBox;
  confidence?: number;
  brightness?: number;
  sharpness?: number;
  yaw?: number;
  pitch?: number;
  roll?: number;
  /** Include `EyesOpen` (only when the request asked for it). */
  eyesOpen?: { value: boolean; confidence: number };
}

/** A `FaceDetail` with the DEFAULT attributes (and `EyesOpen` when given). */
export function faceDetail(spec: FaceDetailSpec = {}): Record<string, unknown> {
  const b = spec.box ?? box(0.32, 0.22, 0.36, 0.48);
  const detail: Record<string, unknown> = {
    BoundingBox: b,
    Landmarks: [
      { Type: 'eyeLeft', X: b.Left + b.Width * 0.3, Y: b.Top + b.Height * 0.4 },
      { Type: 'eyeRight', X: b.Left + b.Width * 0.7, Y: b.Top + b.Height * 0.4 },
      { Type: 'nose', X: b.Left + b.Width * 0.5, Y: b.Top + b.Height * 0.6 },
    ],
    Pose: { Roll: spec.roll ?? 1.2, Yaw: spec.yaw ?? -3.4, Pitch: spec.pitch ?? 2.1 },
    Quality: { Brightness: spec.brightness ?? 72.5, Sharpness: spec.sharpness ?? 86.9 },
    Confidence: spec.confidence ?? 99.99,
  };
  if (spec.eyesOpen) detail.EyesOpen = { Value: spec.eyesOpen.value, Confidence: spec.eyesOpen.confidence };
  return detail;
}

/** A `DetectFaces` answer. */
export function detectFacesBody(faces: Record<string, unknown>[]): Record<string, unknown> {
  return { FaceDetails: faces };
}

/** A `CompareFaces` answer: one matched face per similarity, and `unmatched` faces without one. */
export function compareFacesBody(similarities: readonly number[], unmatched = 0): Record<string, unknown> {
  const compared = (i: number) => ({
    BoundingBox: box(0.1 + 0.2 * i, 0.2, 0.18, 0.3),
    Confidence: 99.9,
    Landmarks: [],
    Pose: { Roll: 0.5, Yaw: 1.5, Pitch: -2 },
    Quality: { Brightness: 70, Sharpness: 80 },
  });
  return {
    SourceImageFace: { BoundingBox: box(0.3, 0.2, 0.4, 0.5), Confidence: 99.99 },
    FaceMatches: similarities.map((Similarity, i) => ({ Similarity, Face: compared(i) })),
    UnmatchedFaces: Array.from({ length: unmatched }, (_, i) => compared(similarities.length + i)),
  };
}

/** A stored face (`Face`) as collection operations return it. */
export function storedFace(faceId: string, externalId: string | undefined, imageId: string): Record<string, unknown> {
  const face: Record<string, unknown> = {
    FaceId: faceId,
    BoundingBox: box(0.32, 0.22, 0.36, 0.48),
    ImageId: imageId,
    Confidence: 99.99,
    IndexFacesModelVersion: '7.0',
  };
  if (externalId !== undefined) face.ExternalImageId = externalId;
  return face;
}

/** An `IndexFaces` answer. */
export function indexFacesBody(
  faces: readonly { faceId: string; externalId: string; imageId: string }[],
  unindexed: readonly (readonly string[])[] = [],
): Record<string, unknown> {
  return {
    FaceRecords: faces.map((f) => ({ Face: storedFace(f.faceId, f.externalId, f.imageId), FaceDetail: faceDetail() })),
    FaceModelVersion: '7.0',
    UnindexedFaces: unindexed.map((Reasons) => ({
      Reasons,
      FaceDetail: faceDetail({ box: box(0.75, 0.1, 0.1, 0.14) }),
    })),
  };
}

/** A `SearchFacesByImage` answer. */
export function searchFacesBody(
  matches: readonly { faceId: string; externalId?: string; similarity: number }[],
): Record<string, unknown> {
  return {
    SearchedFaceBoundingBox: box(0.32, 0.22, 0.36, 0.48),
    SearchedFaceConfidence: 99.99,
    FaceMatches: matches.map((m) => ({
      Similarity: m.similarity,
      Face: storedFace(m.faceId, m.externalId, `img-${m.faceId}`),
    })),
    FaceModelVersion: '7.0',
  };
}

/** A `ListFaces` answer. */
export function listFacesBody(
  faces: readonly { faceId: string; externalId?: string }[],
  nextToken?: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    Faces: faces.map((f) => storedFace(f.faceId, f.externalId, `img-${f.faceId}`)),
    FaceModelVersion: '7.0',
  };
  if (nextToken) body.NextToken = nextToken;
  return body;
}

/** A `DeleteFaces` answer. */
export function deleteFacesBody(deleted: readonly string[], notFound: readonly string[] = []): Record<string, unknown> {
  return {
    DeletedFaces: deleted,
    UnsuccessfulFaceDeletions: notFound.map((FaceId) => ({ FaceId, Reasons: ['FACE_NOT_FOUND'] })),
  };
}

/** Where a session's reference image comes back: bytes, an S3 object, or not at all. */
export type WireImage = { bytes: string } | { s3: { bucket: string; key: string; version?: string } } | null;

/** A `GetFaceLivenessSessionResults` answer. */
export function sessionResultsBody(spec: {
  sessionId: string;
  status: 'CREATED' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'EXPIRED';
  confidence?: number;
  reference?: WireImage;
  audits?: WireImage[];
  feedback?: readonly string[];
}): Record<string, unknown> {
  const image = (img: WireImage) => {
    if (!img) return undefined;
    const bbox = box(0.31, 0.2, 0.38, 0.52);
    return 'bytes' in img
      ? { Bytes: img.bytes, BoundingBox: bbox }
      : {
          S3Object: { Bucket: img.s3.bucket, Name: img.s3.key, ...(img.s3.version ? { Version: img.s3.version } : {}) },
          BoundingBox: bbox,
        };
  };
  const body: Record<string, unknown> = { SessionId: spec.sessionId, Status: spec.status };
  if (spec.status !== 'SUCCEEDED') return body;
  if (spec.confidence !== undefined) body.Confidence = spec.confidence;
  const reference = image(spec.reference ?? null);
  if (reference) body.ReferenceImage = reference;
  const audits = (spec.audits ?? []).map(image).filter(Boolean);
  if (audits.length > 0) body.AuditImages = audits;
  body.Challenge = { Type: 'FaceMovementAndLightChallenge', Version: '2.0.0' };
  body.Feedback = (spec.feedback ?? []).map((Code) => ({ Code, Message: `Feedback ${Code}` }));
  return body;
}
