import { runConformance } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { createLocalVendorMock, LOCAL_KIT_CAPABILITIES } from './testing';

// The kit drives match, search and quality through a scripted engine and store.
// liveness.frames is left out of the kit: its confidence is computed from the
// frames, not mapped from a vendor score (see docs/adapters/local.md); it has
// its own real-pixel tests in local-provider.models.test.ts.
const mock = createLocalVendorMock();

runConformance({
  adapter: () => {
    const provider = mock.provider();
    return { ...provider, capabilities: LOCAL_KIT_CAPABILITIES };
  },
  vendorMock: mock,
  capabilities: LOCAL_KIT_CAPABILITIES,
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
  },
});
