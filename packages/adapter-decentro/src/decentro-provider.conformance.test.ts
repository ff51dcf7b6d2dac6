import { runConformance } from '@facegate/core/testing';
import { createDecentroProvider, DECENTRO_CAPABILITIES } from './decentro-provider';
import { livenessPhoto, otherPhoto, SENTINEL_CREDENTIALS, shortClip, testOptions } from './decentro-test-setup';
import { createDecentroVendorMock } from './testing/decentro-vendor-mock';

const vendorMock = createDecentroVendorMock({ credentials: SENTINEL_CREDENTIALS });

runConformance({
  adapter: () => createDecentroProvider(testOptions()),
  vendorMock,
  capabilities: DECENTRO_CAPABILITIES,
  secrets: Object.values(SENTINEL_CREDENTIALS),
  fixtures: { faceImage: livenessPhoto, otherFaceImage: otherPhoto, video: shortClip },
});
