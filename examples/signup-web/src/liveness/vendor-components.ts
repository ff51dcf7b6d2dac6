import type { SessionClientFor, SessionClientInfo, SessionClientReportFor, SessionComponentName } from '@facegate/core';
import { t } from '../strings';
import { h } from '../ui/dom';

/** Short-lived AWS credentials the server vends for this signup (Amplify's `credentialProvider`). */
export interface BrowserCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/**
 * How a vendor component failed, as the page treats it: `camera` (denied,
 * missing, too slow) and `user` (timed out, face too close, several faces)
 * offer a retry with a new session; `system` (stream error event, connection,
 * runtime) is the system-error state with the alternate path.
 */
export type VendorFailureKind = 'camera' | 'user' | 'system';

/** A vendor component's failure. */
export class VendorComponentError extends Error {
  constructor(
    readonly kind: VendorFailureKind,
    /** The vendor's own name for it (e.g. Amplify's `CAMERA_ACCESS_ERROR`), for logs and tests. */
    readonly vendorState: string,
    message: string,
  ) {
    super(message);
    this.name = 'VendorComponentError';
  }
}

/** What a vendor's liveness component gets from the page. */
export interface VendorMountOptions<N extends SessionComponentName = SessionComponentName> {
  /** Where to render. */
  container: HTMLElement;
  /** What the server returned from `POST /liveness/vendor-session` (`client`): ids and short-lived tokens, never credentials of ours. */
  client: SessionClientFor<N>;
  /** Browser credentials for components that call the vendor with them (AWS); asks the server each time. */
  credentials(): Promise<BrowserCredentials>;
  /** The capture is done: the page sends the report and asks the server for the verdict. */
  onComplete(report: SessionClientReportFor<N>): void;
  /** The component failed (camera, its own timeout, the vendor's stream). */
  onError(error: VendorComponentError): void;
  /** The person pressed the component's cancel button. */
  onCancel(): void;
}

/** Mount a vendor component; the returned function unmounts it (and must release its camera). */
export type VendorComponent<N extends SessionComponentName = SessionComponentName> = (
  options: VendorMountOptions<N>,
) => () => void;

type Loaders = { [N in SessionComponentName]: () => Promise<VendorComponent<N>> };

/**
 * Vendor components by the `client.component` name the server's adapter sends
 * (the names and payloads are core's `SessionClientInfo` union). Each is a
 * lazily loaded chunk, so the page's own bundle does not grow: Amplify's
 * FaceLivenessDetectorCore with React lives only in `aws-liveness`; Azure's
 * SDK is loaded by `azure-liveness` from where the deployment hosts it.
 */
const components: Loaders = {
  'aws-amplify-face-liveness': async () => (await import('./aws-liveness')).mountAwsLiveness,
  'azure-face-liveness': async () => (await import('./azure-liveness')).mountAzureLiveness,
  scenario: async () => scenarioComponent,
};

/** The component for this session, or undefined when its chunk cannot be loaded (or the name is unknown). */
export async function loadVendorComponent(client: SessionClientInfo): Promise<VendorComponent | undefined> {
  const load = (components as Partial<Record<string, () => Promise<VendorComponent>>>)[client.component];
  if (!load) return undefined;
  try {
    return await load();
  } catch (error) {
    console.error(`the ${client.component} component could not be loaded:`, error);
    return undefined;
  }
}

/** The scenario provider's stand-in: no capture, a button that says "done" (demos and tests of the session path). */
const scenarioComponent: VendorComponent<'scenario'> = ({ container, onComplete }) => {
  const button = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => onComplete({ component: 'scenario' }) },
    t.liveness.vendorFinish,
  );
  const box = h(
    'div',
    { class: 'vendor-box', 'data-testid': 'vendor-component' },
    h('p', {}, t.liveness.vendorStandIn),
    button,
  );
  container.append(box);
  button.focus();
  return () => box.remove();
};
