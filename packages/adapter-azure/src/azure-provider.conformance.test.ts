import { runConformance, type VendorMock } from '@facegate/core/conformance';
import { beforeAll } from 'vitest';
import { readFixture } from '../../../test-support/fixtures';
import { createAzureProvider } from './azure-provider';
import { createAzureVendorMock } from './testing';

const ENDPOINT = 'https://facegate-conformance.cognitiveservices.azure.com';
const API_KEY = 'azure-conformance-sentinel-key-7c1e9b';
const mock = createAzureVendorMock({ endpoint: ENDPOINT, apiKey: API_KEY });

// Workaround for the kit: with `livenessScoring: 'label'` its `successFor(score)`
// drops the score for every operation, so the match score-mapping tests would
// never send the score they check. The kit reads `livenessScoring` when it
// builds the suite (label: no liveness score tests) and again inside tests
// (successFor); answering 'score_and_label' once tests run passes the score
// on, which the fake ignores for liveness (Azure has no liveness score).
let collecting = true;
beforeAll(() => {
  collecting = false;
});
const vendorMock: VendorMock = {
  ...mock,
  get livenessScoring() {
    return collecting ? 'label' : 'score_and_label';
  },
};

runConformance({
  adapter: () => createAzureProvider({ endpoint: ENDPOINT, apiKey: API_KEY, env: {} }),
  vendorMock,
  capabilities: ['liveness.session', 'liveness.reference', 'match'],
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
  },
  secrets: [API_KEY],
});
