import { runConformance } from '@facegate/core/testing';
import { readFixture } from '../../../test-support/fixtures';
import { AWS_CAPABILITIES } from './aws-limits';
import { createAwsProvider } from './aws-provider';
import { createAwsVendorMock } from './testing/aws-vendor-mock';

// Sentinel credentials: the kit checks none of them leaks into errors, logs or results.
const ACCESS_KEY_ID = 'AKIAFACEGATESENTINEL1';
const SECRET_ACCESS_KEY = 'facegate-sentinel-secret-access-key-0123456789';

runConformance({
  adapter: () =>
    createAwsProvider({
      region: 'eu-west-1',
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY },
      env: {},
    }),
  vendorMock: createAwsVendorMock(),
  capabilities: AWS_CAPABILITIES,
  secrets: [ACCESS_KEY_ID, SECRET_ACCESS_KEY],
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
  },
});
