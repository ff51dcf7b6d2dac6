/**
 * Test and demo helpers for the AWS adapter: a simulated Amazon Rekognition
 * (msw handlers answering at the wire level as the service does) and the
 * conformance kit's vendor mock over it. Server-side only (`msw/node`).
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createRekognitionMock } from '@facegate/adapter-aws/testing';
 * const rekognition = createRekognitionMock();
 * const server = setupServer(...rekognition.handlers);
 * ```
 * @module
 */
export {
  AWS_DOCUMENTED_ERRORS,
  type AwsVendorMock,
  type AwsVendorMockOptions,
  createAwsVendorMock,
} from './aws-vendor-mock';
export {
  createRekognitionMock,
  type MockFace,
  type MockSession,
  REKOGNITION_ENDPOINT,
  type RecordedRequest,
  type RekognitionAnswer,
  type RekognitionMock,
  type RekognitionMockOptions,
  type SessionScript,
} from './rekognition-mock';
export {
  AMZ_JSON,
  box,
  compareFacesBody,
  deleteFacesBody,
  detectFacesBody,
  errorAnswer,
  type FaceDetailSpec,
  faceDetail,
  indexFacesBody,
  jsonAnswer,
  listFacesBody,
  type MalformedVariant,
  malformedAnswer,
  REKOGNITION_ERRORS,
  REKOGNITION_OPERATIONS,
  type RekognitionErrorName,
  type RekognitionOperation,
  SAMPLE_JPEG_BASE64,
  searchFacesBody,
  sessionResultsBody,
  storedFace,
  type WireAnswer,
  type WireBox,
  type WireImage,
} from './rekognition-wire';
