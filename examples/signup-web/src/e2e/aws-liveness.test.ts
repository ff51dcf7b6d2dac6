// The AWS session path in a real browser: Debian's Chromium runs Amplify's
// FaceLivenessDetectorCore (its real code, tfjs and face model served by the
// signup server) against the local Rekognition streaming simulator, the way
// `FACEGATE_AWS_SIMULATOR=1` runs the demo. One Chromium for the file; each
// case gets its own context (camera permission granted or not).
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import {
  artifactsDir,
  buildPage,
  CHROMIUM,
  requireChromium,
  SKIP_BROWSER,
  y4mFromFixture,
} from '../../test-support/browser';
import { type PageServer, startPageServer } from '../../test-support/page-server';
import { t } from '../strings';

requireChromium();

const WAIT = { timeout: 60_000 };
let webDir = '';
let browser: Browser;
let s: PageServer;

/** Everything a page received (bodies, headers, WebSocket frames) and every URL it asked for. */
interface Traffic {
  urls: string[];
  received: string[];
}

async function open(grantCamera = true): Promise<{ page: Page; context: BrowserContext; traffic: Traffic }> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ignoreHTTPSErrors: true,
    permissions: grantCamera ? ['camera'] : [],
  });
  const traffic: Traffic = { urls: [], received: [] };
  context.on('request', (r) => traffic.urls.push(r.url()));
  context.on('response', async (r) => {
    traffic.received.push(JSON.stringify(await r.allHeaders()));
    const type = r.headers()['content-type'] ?? '';
    if (/json|javascript|html|css|text/.test(type)) traffic.received.push(await r.text().catch(() => ''));
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('websocket', (ws) => {
    traffic.urls.push(ws.url());
    ws.on('framereceived', (f) => traffic.received.push(Buffer.from(f.payload).toString('latin1')));
  });
  await page.goto(`${s.url}/`);
  return { page, context, traffic };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir(), `aws-${name}.png`), fullPage: true });
}

/** Consent, then Amplify's component up to its start screen, started. */
async function startComponent(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: t.consent.title }).waitFor();
  await page.getByLabel(t.consent.checkbox).check();
  await page.getByRole('button', { name: t.consent.start }).click();
  await page.getByTestId('aws-liveness').waitFor(WAIT);
  const start = page.getByRole('button', { name: /start video check/i });
  await start.waitFor(WAIT);
  await shot(page, `${name}-start-screen`);
  await start.click();
}

const vendorSessions = () => s.aws?.rekognition.requestsFor('CreateFaceLivenessSession').length ?? 0;

describe.skipIf(SKIP_BROWSER)('AWS liveness (Amplify component, local streaming simulator)', () => {
  beforeAll(async () => {
    webDir = buildPage();
    s = await startPageServer({
      webDir,
      aws: { referenceImage: readFixture('faces/obama-1.jpg') },
      env: { FACEGATE_ASSIST_PROVIDER: 'scenario' },
    });
    // 30 fps: Amplify refuses cameras slower than 15 fps.
    const y4m = y4mFromFixture('obama-1.jpg', { zoom: true, fps: 30, seconds: 2 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${y4m}`,
      ],
    });
  });

  afterEach(() => {
    s.aws?.streaming.reset();
  });

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('consent → Amplify component → the server fetches the verdict → the document step; nothing off-origin, no server credentials', async () => {
    const { page, context, traffic } = await open();
    await startComponent(page, 'happy');
    await page.getByTestId('verdict').waitFor(WAIT);
    await shot(page, 'happy-verdict');
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('pass');
    // The simulator saw a whole, correctly signed stream; the verdict came from GetFaceLivenessSessionResults.
    const [stream] = s.aws?.streaming.streams ?? [];
    expect(stream).toMatchObject({ completed: true, badSignatures: 0 });
    expect(stream?.videoBytes).toBeGreaterThan(0);
    expect(stream?.clientEvents).toContain('end');
    expect(s.aws?.rekognition.requestsFor('GetFaceLivenessSessionResults').length).toBeGreaterThan(0);
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByRole('heading', { name: t.document.title }).waitFor(WAIT);
    await shot(page, 'happy-document-step');

    // Same origin only: the page, its API, the component's WASM and model files, the stream.
    const origin = new URL(s.url).host;
    const offOrigin = traffic.urls.filter(
      (u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).host !== origin,
    );
    expect(offOrigin).toEqual([]);
    expect(traffic.urls.some((u) => u.includes('/assets/aws-liveness/face-detector/model.json'))).toBe(true);
    expect(
      traffic.urls.some((u) => /\/assets\/aws-liveness\/tfjs-backend-wasm\/[\d.]+\/tfjs-backend-wasm/.test(u)),
    ).toBe(true);

    // The page got the per-signup credentials (the scan can see them) and never the server's own.
    const all = traffic.received.join('\n');
    const vended = [...(s.aws?.sts.issued.values() ?? [])];
    expect(vended.length).toBeGreaterThan(0);
    expect(all).toContain(vended[0]?.accessKeyId);
    const server = s.aws?.serverCredentials;
    expect(server?.accessKeyId.length).toBeGreaterThan(10);
    expect(all).not.toContain(server?.accessKeyId);
    expect(all).not.toContain(server?.secretAccessKey);
    await context.close();
  });

  it('camera denied: the component says so and the page offers a retry', async () => {
    const { page, context } = await open(false);
    await page.getByLabel(t.consent.checkbox).check();
    await page.getByRole('button', { name: t.consent.start }).click();
    const error = page.getByTestId('error');
    await error.and(page.locator('[data-problem="CAMERA_ACCESS_ERROR"]')).waitFor(WAIT);
    expect(await error.textContent()).toBe(t.liveness.vendorFailure.camera);
    await expect(page.getByTestId('retry').isVisible()).resolves.toBe(true);
    await shot(page, 'camera-denied');
    await context.close();
  });

  it('the face never fits the oval: the component times out and the page offers a retry with a new session', async () => {
    s.aws?.streaming.arrange({ type: 'normal', challengeConfig: { OvalIouThreshold: 0.999, OvalFitTimeout: 1500 } });
    const { page, context } = await open();
    const before = vendorSessions();
    await startComponent(page, 'timeout');
    await page.locator('[data-problem="TIMEOUT"]').waitFor(WAIT);
    await shot(page, 'timeout-retry');
    expect(await page.getByTestId('error').textContent()).toBe(t.liveness.vendorFailure.TIMEOUT);
    s.aws?.streaming.arrange({ type: 'normal' });
    await page.getByTestId('retry').click();
    await page.getByRole('button', { name: /start video check/i }).waitFor(WAIT);
    expect(vendorSessions()).toBe(before + 2);
    await context.close();
  });

  it('a stream error event ends in the system-error state with the alternate path', async () => {
    s.aws?.streaming.arrange({ type: 'error', event: 'ThrottlingException', when: 'after-video' });
    const { page, context } = await open();
    await startComponent(page, 'stream-error');
    await page.getByTestId('closed').waitFor(WAIT);
    expect(await page.getByTestId('closed').getAttribute('data-kind')).toBe('system');
    await expect(page.getByTestId('assisted').isVisible()).resolves.toBe(true);
    expect(s.aws?.streaming.streams.at(-1)?.errorSent).toBe('ThrottlingException');
    await shot(page, 'stream-error-system');
    await context.close();
  });

  it('user cancel in the component: the page offers a retry', async () => {
    // An oval nothing fits keeps the component running until the person cancels.
    s.aws?.streaming.arrange({ type: 'normal', challengeConfig: { OvalIouThreshold: 0.999, OvalFitTimeout: 60_000 } });
    const { page, context } = await open();
    await startComponent(page, 'cancel');
    await page.getByRole('button', { name: 'Cancel Liveness check' }).click();
    await page.locator('[data-problem="cancelled"]').waitFor(WAIT);
    expect(await page.getByTestId('error').textContent()).toBe(t.liveness.vendorCancelled);
    await expect(page.getByTestId('retry').isVisible()).resolves.toBe(true);
    await shot(page, 'cancel-retry');
    await context.close();
  });

  it('a session that expired before its result was read is replaced by a new one, which passes', async () => {
    s.aws?.streaming.arrange({ type: 'normal', result: 'EXPIRED' }, { type: 'normal' });
    const { page, context } = await open();
    const before = vendorSessions();
    await startComponent(page, 'expired');
    await page.getByTestId('notice').getByText(t.liveness.vendorExpired).waitFor(WAIT);
    await shot(page, 'expired-new-session');
    const again = page.getByRole('button', { name: /start video check/i });
    await again.waitFor(WAIT);
    await again.click();
    await page.getByTestId('verdict').waitFor(WAIT);
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('pass');
    expect(vendorSessions()).toBe(before + 2);
    await context.close();
  });
});
