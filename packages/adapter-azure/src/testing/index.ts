/**
 * Test helpers for the Azure adapter: msw handlers answering like Azure AI
 * Face v1.2 over a scriptable fake service, a conformance `VendorMock` (from `@facegate/core/testing`),
 * and builders for Azure's wire bodies. Needs `msw` (an optional peer
 * dependency); never calls Azure.
 * @module
 */
export {
  AZURE_FAKE_API_VERSION,
  type AzureFaceFake,
  type AzureFaceFakeOptions,
  createAzureFaceFake,
  type FakeReply,
  type RecordedAzureRequest,
} from './azure-face-fake';
export { createAzureHandlers } from './azure-handlers';
export { AZURE_CONFORMANCE_ERRORS, type AzureVendorMock, createAzureVendorMock } from './azure-vendor-mock';
export {
  AZURE_DOCUMENTED_ERRORS,
  type AzureDocumentedError,
  type AzureDocumentedErrorName,
  type AzureFaceRectangle,
  type AzureLivenessDecision,
  type AzureWireAnswer,
  azureAttempt,
  azureDetectedFace,
  azureErrorBody,
  azureSessionBody,
  azureVerifyReference,
  documentedErrorAnswer,
  fakeSessionToken,
  jsonAnswer,
  malformedAzureAnswer,
} from './azure-wire';
