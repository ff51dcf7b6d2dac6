// Azure's web liveness SDK, mounted for an Azure liveness session. Microsoft
// distributes the SDK (`azure-ai-vision-face-ui`) only to approved accounts,
// not on the public npm registry, so the page does not bundle it: the
// deployment hosts it and the page loads it from there. This module is the
// mount contract between the two (docs/adapters/azure.md, "Web SDK").
import { t } from '../strings';
import { type VendorComponent, VendorComponentError, type VendorFailureKind } from './vendor-components';

/** The custom element the SDK module defines. */
export const AZURE_FACE_UI_ELEMENT = 'azure-ai-vision-face-ui';

/**
 * Where the SDK module is loaded from: set `AZURE_FACE_UI_URL` when building
 * the page (default: where the signup server serves `FACEGATE_AZURE_FACE_UI_DIR`).
 */
export const AZURE_FACE_UI_URL = __AZURE_FACE_UI_URL__ || '/assets/azure-face-ui/FaceLivenessDetector.js';

/** What the SDK resolves with (`LivenessDetectionSuccess`), as far as the page reads it. */
export interface AzureLivenessSuccess {
  /** Compared on the server with the session result's `digest`. */
  digest?: string;
  resultId?: string;
}

/** The element's interface the page uses: `start(sessionAuthorizationToken)`. */
export interface AzureFaceLivenessElement extends HTMLElement {
  start(sessionAuthorizationToken: string): Promise<AzureLivenessSuccess>;
}

const CANCELLED = new Set(['UserCancelledSession', 'UserCancelledActiveMotion']);
const FAILURE_KIND: Record<string, VendorFailureKind> = {
  CameraPermissionDenied: 'camera',
  CameraStartupFailure: 'camera',
  TimedOut: 'user',
  NoFaceDetected: 'user',
  FaceTrackingFailed: 'user',
  SmileNotPerformed: 'user',
  RandomPoseNotPerformed: 'user',
  FaceMouthRegionNotVisible: 'user',
  FaceEyeRegionNotVisible: 'user',
  ExcessiveImageBlurDetected: 'user',
  ExcessiveFaceBrightness: 'user',
  FaceWithMaskDetected: 'user',
  EnvironmentNotSupported: 'user',
};

/** The SDK's `LivenessDetectionError.livenessError` → the page's failure (unknown: system). */
export function toAzureVendorError(livenessError: string): VendorComponentError {
  const kind = FAILURE_KIND[livenessError] ?? 'system';
  return new VendorComponentError(kind, livenessError, t.liveness.vendorFailure[kind] ?? '');
}

/**
 * The mount contract. In: the session's auth token (`client.authToken`), handed
 * to the element's `start()`. Out: `onComplete({ digest })` with the SDK's
 * result digest (the server compares it with the session result's `digest`:
 * a mismatch rejects, a missing one sends the signup to review); cancel and
 * failures map to the page's retry and system-error states. The verdict itself
 * is never taken from the browser.
 */
export const mountAzureLiveness: VendorComponent<'azure-face-liveness'> = ({
  container,
  client,
  onComplete,
  onError,
  onCancel,
}) => {
  let live = true;
  const host = document.createElement('div');
  host.className = 'azure-liveness';
  host.dataset.testid = 'azure-liveness';
  container.append(host);
  void (async () => {
    try {
      await import(/* @vite-ignore */ AZURE_FACE_UI_URL);
      await customElements.whenDefined(AZURE_FACE_UI_ELEMENT);
    } catch (error) {
      console.error('the Azure web liveness SDK could not be loaded:', error);
      if (live) onError(new VendorComponentError('system', 'SDK_MISSING', t.liveness.vendorMissing));
      return;
    }
    if (!live) return;
    const element = document.createElement(AZURE_FACE_UI_ELEMENT) as AzureFaceLivenessElement;
    host.append(element);
    try {
      const success = await element.start(client.authToken);
      if (!live) return;
      const digest = typeof success?.digest === 'string' && success.digest ? success.digest : undefined;
      onComplete(digest ? { component: 'azure-face-liveness', digest } : { component: 'azure-face-liveness' });
    } catch (failure) {
      if (!live) return;
      const reason = String((failure as { livenessError?: unknown } | null)?.livenessError ?? 'Unexpected');
      if (CANCELLED.has(reason)) onCancel();
      else onError(toAzureVendorError(reason));
    }
  })();
  return () => {
    live = false;
    host.remove();
  };
};
