// Amplify's FaceLivenessDetectorCore, mounted for an AWS liveness session. This
// module is its own lazily loaded chunk: React, Amplify UI, tfjs and the
// Rekognition streaming client are downloaded only when a session needs them.
import '@aws-amplify/ui-react-liveness/styles.css';
import { FaceLivenessDetectorCore } from '@aws-amplify/ui-react-liveness';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { t } from '../strings';
import { type VendorComponent, VendorComponentError, type VendorFailureKind } from './vendor-components';

/**
 * Where the signup server hosts the component's files (same origin, from npm
 * packages; never a CDN): tfjs's WASM backend of exactly the version bundled
 * here, and the face detector model.
 */
export const AWS_LIVENESS_ASSETS = {
  binaryPath: `/assets/aws-liveness/tfjs-backend-wasm/${__AMPLIFY_TFJS_WASM_VERSION__}/`,
  faceModelUrl: '/assets/aws-liveness/face-detector/model.json',
} as const;

const FAILURE_KIND: Record<string, VendorFailureKind> = {
  CAMERA_ACCESS_ERROR: 'camera',
  CAMERA_FRAMERATE_ERROR: 'camera',
  DEFAULT_CAMERA_NOT_FOUND_ERROR: 'camera',
  TIMEOUT: 'user',
  FRESHNESS_TIMEOUT: 'user',
  FACE_DISTANCE_ERROR: 'user',
  MULTIPLE_FACES_ERROR: 'user',
  MOBILE_LANDSCAPE_ERROR: 'user',
  SERVER_ERROR: 'system',
  CONNECTION_TIMEOUT: 'system',
  RUNTIME_ERROR: 'system',
};

/** Amplify's error state → the page's failure (unknown states are system errors: fail closed). */
export function toVendorError(state: string): VendorComponentError {
  const kind = FAILURE_KIND[state] ?? 'system';
  return new VendorComponentError(kind, state, t.liveness.vendorFailure[state] ?? t.liveness.vendorFailure[kind] ?? '');
}

/** Mount FaceLivenessDetectorCore; the returned function unmounts it, which stops its camera. */
export const mountAwsLiveness: VendorComponent<'aws-amplify-face-liveness'> = ({
  container,
  client,
  credentials,
  onComplete,
  onError,
  onCancel,
}) => {
  const host = document.createElement('div');
  host.className = 'aws-liveness';
  host.dataset.testid = 'aws-liveness';
  container.append(host);
  const root = createRoot(host);
  let done = false;
  const once =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) => {
      if (done) return;
      done = true;
      fn(...args);
    };
  root.render(
    createElement(FaceLivenessDetectorCore, {
      sessionId: client.sessionId,
      region: client.region,
      onAnalysisComplete: async () => once(onComplete)({ component: 'aws-amplify-face-liveness' }),
      onUserCancel: once(onCancel),
      onError: (livenessError) => {
        host.dataset.error = livenessError.state;
        once(onError)(toVendorError(livenessError.state));
      },
      config: {
        binaryPath: AWS_LIVENESS_ASSETS.binaryPath,
        faceModelUrl: AWS_LIVENESS_ASSETS.faceModelUrl,
        credentialProvider: credentials,
        ...(client.endpointOverride ? { endpointOverride: client.endpointOverride } : {}),
      },
    }),
  );
  return () => {
    done = true;
    root.unmount();
    host.remove();
  };
};
