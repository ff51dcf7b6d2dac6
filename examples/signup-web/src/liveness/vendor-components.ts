import { t } from '../strings';
import { h } from '../ui/dom';

/** What a vendor's liveness component gets from the page. */
export interface VendorMountOptions {
  /** Where to render. */
  container: HTMLElement;
  /** What the server returned from `POST /liveness/vendor-session` (`client`): session id, region, … never credentials of ours. */
  client: Record<string, unknown>;
  /** The vendor component says its capture is done: the page then asks the server for the verdict. */
  onComplete(): void;
  /** The vendor component failed (camera, network, its own timeout). */
  onError(error: Error): void;
  onCancel(): void;
}

/** Mount a vendor component; the returned function unmounts it (and must release its camera). */
export type VendorComponent = (options: VendorMountOptions) => () => void;

/**
 * Vendor components by the `client.component` name the server's adapter sends.
 * Each is loaded only when its vendor is configured, so the page stays small.
 *
 * `aws-rekognition` (Amplify's FaceLivenessDetector) is not bundled: it needs
 * React 18/19, `@aws-amplify/ui-react` and `@aws-amplify/ui-react-liveness`
 * (~1.5 MB with tfjs and the Rekognition streaming client), temporary AWS
 * credentials for the browser (its `credentialProvider`), and its face model
 * and WASM files self-hosted through `config.faceModelUrl` / `config.binaryPath`
 * (by default it loads them from an AWS CDN). Register it here with
 * `registerVendorComponent('aws-rekognition', () => import('./aws-liveness'))`
 * once those exist.
 */
const components = new Map<string, () => Promise<VendorComponent>>([['scenario', async () => scenarioComponent]]);

/** Add a vendor component (for builds that include one). */
export function registerVendorComponent(name: string, load: () => Promise<VendorComponent>): void {
  components.set(name, load);
}

/** The component for this session, or undefined when this page does not include it. */
export async function loadVendorComponent(client: Record<string, unknown>): Promise<VendorComponent | undefined> {
  const name = typeof client.component === 'string' ? client.component : '';
  return components.get(name)?.();
}

/** The scenario provider's stand-in: no capture, a button that says "done" (demos and tests of the session path). */
const scenarioComponent: VendorComponent = ({ container, onComplete }) => {
  const button = h(
    'button',
    { type: 'button', class: 'primary', onclick: () => onComplete() },
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
