import { runConformance } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { createFaciaProvider, FACIA_CAPABILITIES } from './index';
import { createFaciaVendorMock, FACIA_TEST_BASE_URL } from './testing/index';

// Sentinel credentials: the kit checks they never show up in errors, logs or results.
const HASH_ID = 'facia-sentinel-hash-id-7f3c9a1e';

runConformance({
  adapter: () => createFaciaProvider({ baseUrl: FACIA_TEST_BASE_URL, hashId: HASH_ID, env: {} }),
  vendorMock: createFaciaVendorMock({ baseUrl: FACIA_TEST_BASE_URL, hashId: HASH_ID }),
  capabilities: FACIA_CAPABILITIES,
  secrets: [HASH_ID],
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
  },
});
