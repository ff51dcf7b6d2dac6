/**
 * Test helpers for the Facia adapter: msw handlers that answer like a
 * self-hosted Facia server, and a VendorMock for `runConformance`. Needs
 * `msw` (an optional peer dependency).
 * @module
 */
export {
  createFaciaHandlers,
  FACIA_ERROR_ANSWERS,
  FACIA_ERROR_NAMES,
  FACIA_EXAMPLE_RESULT,
  FACIA_TEST_BASE_URL,
  type FaciaErrorName,
  type FaciaHandlersOptions,
  type FaciaProcessFaceStep,
  type FaciaServerScript,
  type FaciaStatusCheckStep,
  type ReceivedProcessFace,
} from './facia-handlers';
export { createFaciaVendorMock, type FaciaVendorMock } from './facia-vendor-mock';
