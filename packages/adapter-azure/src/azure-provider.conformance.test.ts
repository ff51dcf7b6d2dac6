import { runConformance } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { createAzureProvider } from './azure-provider';
import { createAzureVendorMock } from './testing';

const ENDPOINT = 'https://facegate-conformance.cognitiveservices.azure.com';
const API_KEY = 'azure-conformance-sentinel-key-7c1e9b';
const mock = createAzureVendorMock({ endpoint: ENDPOINT, apiKey: API_KEY });

runConformance({
  adapter: () => createAzureProvider({ endpoint: ENDPOINT, apiKey: API_KEY, env: {} }),
  vendorMock: mock,
  capabilities: ['liveness.session', 'liveness.reference', 'match'],
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
  },
  secrets: [API_KEY],
});
