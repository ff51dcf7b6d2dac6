/**
 * Test helpers for the Decentro adapter: msw handlers answering like
 * Decentro, a conformance `VendorMock`, Decentro's wire shapes and a
 * helper to give test photos camera EXIF. Needs `msw` (an optional peer).
 * @module
 */
export { withCameraExif } from './camera-exif';
export {
  createDecentroMock,
  type DecentroAnswerOutcome,
  type DecentroMock,
  type DecentroMockOperation,
  type DecentroMockOptions,
  type DecentroOutcome,
  type DecentroSuccessOutcome,
  type RecordedDecentroRequest,
  type RecordedFile,
} from './decentro-handlers';
export { createDecentroVendorMock, DECENTRO_DOCUMENTED_ERRORS, type DecentroVendorMock } from './decentro-vendor-mock';
export {
  DECENTRO_WIRE_ERRORS,
  type DecentroWireError,
  type DecentroWireErrorName,
  decentroTxnId,
  faceMatchBody,
  failureBody,
  passiveLivenessBody,
  videoLivenessBody,
} from './decentro-wire';
