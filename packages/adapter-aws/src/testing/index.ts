/**
 * Test and demo helpers for the AWS adapter: a simulated Amazon Rekognition
 * (msw handlers answering at the wire level as the service does), the
 * conformance kit's vendor mock over it, a simulated STS / Cognito Identity,
 * and a local Face Liveness streaming endpoint (WebSocket, AWS event-stream
 * framing) that Amplify's browser component can stream to. Server-side only.
 *
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createRekognitionMock } from '@facegate/adapter-aws/testing';
 * const rekognition = createRekognitionMock();
 * const server = setupServer(...rekognition.handlers);
 * ```
 * @module
 */

export { type AwsSimulator, type AwsSimulatorOptions, createAwsSimulator, createSimulatorTls } from './aws-simulator';
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
export { checkEventSignature, checkPresignedUrl, type KnownCredential, type PresignedRequest } from './sigv4-check';
export {
  type ChallengePreset,
  createStreamingSimulator,
  STREAM_ERROR_EVENTS,
  STREAMING_PATH,
  type StreamErrorEvent,
  type StreamingSimulator,
  type StreamingSimulatorOptions,
  type StreamRecord,
  type StreamScript,
} from './streaming-simulator';
export {
  COGNITO_IDENTITY_ENDPOINT,
  createStsMock,
  type IssuedCredential,
  type PolicyDocument,
  STS_ENDPOINT,
  type StsAnswer,
  type StsMock,
  type StsMockOptions,
  type StsRequest,
} from './sts-mock';
