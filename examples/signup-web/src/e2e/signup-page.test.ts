// The signup page in a real browser: Debian's Chromium driven by playwright-core,
// a fake camera fed from y4m files made from the fixture photos, the signup
// server started in-process. Screenshots of every state go to test-artifacts/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  artifactsDir,
  buildPage,
  CHROMIUM,
  canResolve,
  requireChromium,
  SKIP_BROWSER,
  tempDir,
  tinyJpeg,
  y4mFromFixture,
} from '../../test-support/browser';
import { type PageServer, startPageServer } from '../../test-support/page-server';
import { cap13Clip, keepFramesUploadScript, promptedCameraScript } from '../../test-support/prompted-camera';
import { SCREEN_RGB } from '../liveness/screen-light';
import { t } from '../strings';

const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const WAIT = { timeout: 60_000 };

requireChromium();

let webDir = '';
const browsers: Browser[] = [];
const servers: PageServer[] = [];
const rates: Record<string, number> = {};

/** A Chromium whose camera shows this y4m file (or one with no camera permission at all). */
async function launch(y4m: string | undefined, grantCamera = true): Promise<Browser> {
  const args = [...BASE_ARGS, '--use-fake-device-for-media-stream'];
  if (y4m) args.push(`--use-file-for-fake-video-capture=${y4m}`);
  if (grantCamera) args.push('--use-fake-ui-for-media-stream');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args });
  browsers.push(browser);
  return browser;
}

async function server(options: Omit<Parameters<typeof startPageServer>[0], 'webDir'> = {}): Promise<PageServer> {
  const s = await startPageServer({ webDir, ...options });
  servers.push(s);
  return s;
}

async function open(browser: Browser, url: string, viewport = DESKTOP, query = '?prompt_ms=1000'): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${url}/${query}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(artifactsDir(), `${name}.png`), fullPage: true });
}

/** Consent, then the camera with live feedback running. */
async function toCamera(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { name: t.consent.title }).waitFor();
  await shot(page, `${name}-01-consent`);
  await page.getByLabel(t.consent.checkbox).check();
  await page.getByRole('button', { name: t.consent.start }).click();
  await page.getByTestId('start-liveness').and(page.locator(':enabled')).waitFor(WAIT);
  // Feedback from the in-browser detector: wait for a few updates (a count, not a time).
  await page.locator('.face-view[data-backend]').waitFor(WAIT);
  expect(await page.locator('.face-view').getAttribute('data-backend'), 'the in-browser detector loaded').not.toBe(
    'none',
  );
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLElement>('.face-view')?.dataset.updates) >= 8,
    null,
    WAIT,
  );
  rates[name] = Number(await page.locator('.face-view').getAttribute('data-feedback-rate'));
  await shot(page, `${name}-02-camera`);
}

/** Camera → challenge prompts → the server's verdict. */
async function doLiveness(page: Page, name: string): Promise<string> {
  await page.getByTestId('start-liveness').click();
  await page.locator('body[data-prompt]').waitFor(WAIT);
  await shot(page, `${name}-03-prompt`);
  const verdict = page.getByTestId('verdict').or(page.getByTestId('closed'));
  await verdict.waitFor(WAIT);
  await shot(page, `${name}-04-verdict`);
  if ((await page.getByTestId('verdict').count()) === 0) return 'closed';
  return (await page.getByTestId('verdict').getAttribute('data-outcome')) ?? 'none';
}

/** Upload the ID photo and see the face crop. */
async function doDocument(page: Page, name: string, photo = 'obama-2.jpg'): Promise<void> {
  await page.getByRole('heading', { name: t.document.title }).waitFor();
  await shot(page, `${name}-05-document`);
  await page.getByTestId('doc-file').setInputFiles(join(webDir, '../../../fixtures/faces', photo));
  await page.getByTestId('doc-send').click();
  await page.getByTestId('face-crop').waitFor(WAIT);
  await shot(page, `${name}-06-face-crop`);
}

describe.skipIf(SKIP_BROWSER)('signup page in Chromium', () => {
  beforeAll(() => {
    webDir = buildPage();
  });

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await Promise.all(servers.map((s) => s.close()));
    writeFileSync(join(artifactsDir(), 'feedback-rates.json'), `${JSON.stringify(rates, null, 2)}\n`);
    console.log('feedback updates per second (in-browser detector):', rates);
    void tempDir;
  });

  it('runs the whole signup to a registration (scenario provider, desktop)', async () => {
    const s = await server();
    const page = await open(await launch(y4mFromFixture('obama-1.jpg', { zoom: true })), s.url);
    await toCamera(page, 'happy');
    expect(await page.locator('.face-view').getAttribute('data-hint')).toBe('ok');
    expect(await page.locator('.face-view').getAttribute('data-backend')).toMatch(/wasm|cpu/);
    expect(await doLiveness(page, 'happy')).toBe('pass');
    await page.getByRole('button', { name: t.continue }).click();
    // The camera is released once liveness is over.
    expect(await page.locator('video').count()).toBe(0);
    await doDocument(page, 'happy');
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByText(t.result.passed).waitFor(WAIT);
    await shot(page, 'happy-07-checks');
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByLabel(t.register.fullName).fill('Ada Lovelace');
    await page.getByLabel(t.register.email).fill('not-an-email');
    await page.getByRole('button', { name: t.register.submit }).click();
    await page.getByText(t.register.invalidEmail).waitFor();
    await shot(page, 'happy-08-register-invalid');
    await page.getByLabel(t.register.email).fill('ada@example.org');
    await page.getByRole('button', { name: t.register.submit }).click();
    await page.getByTestId('done').waitFor(WAIT);
    await shot(page, 'happy-09-done');
    const users = await s.server.db.query<{ email: string }>('SELECT email FROM users WHERE email = $1', [
      'ada@example.org',
    ]);
    expect(users).toHaveLength(1);
  });

  it('explains a denied camera and offers to try again', async () => {
    const s = await server();
    const browser = await launch(y4mFromFixture('obama-1.jpg'), false);
    const context = await browser.newContext({ viewport: PHONE, permissions: [] });
    const page = await context.newPage();
    await page.goto(`${s.url}/`);
    // Keyboard only: the step heading has focus; Tab reaches the checkbox, then the button.
    await page.getByRole('heading', { name: t.consent.title }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('error');
    await error.getByText(t.camera.errors.denied ?? '').waitFor(WAIT);
    expect(await error.getAttribute('data-problem')).toBe('denied');
    // Focus moved to "Try again", and the start button is gone (nothing to start without a camera).
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t.tryAgain);
    expect(await page.getByTestId('start-liveness').isVisible()).toBe(false);
    await shot(page, 'camera-denied-phone');
  });

  it('restarts a step whose time ran out, with a message', async () => {
    const s = await server({ env: { SIGNUP_LIVENESS_DEADLINE_S: '3' } });
    const page = await open(await launch(y4mFromFixture('obama-1.jpg')), s.url, PHONE);
    await toCamera(page, 'timeout');
    await page.getByTestId('notice').getByText(t.timeUp).waitFor(WAIT);
    await shot(page, 'timeout-restarted-phone');
    // The step carries on after the restart: the server gave it a fresh deadline.
    const session = await page.evaluate(() => fetch('/api/signup/sessions/current').then((r) => r.json()));
    expect(Date.parse(session.session.stepDeadline)).toBeGreaterThan(Date.now() - 1_000);
  });

  it('offers the alternate path when the provider is down', async () => {
    const s = await server({ mode: 'outage', env: { ASSISTED_SIGNUP_URL: 'https://help.example.org/assisted' } });
    const page = await open(await launch(y4mFromFixture('obama-1.jpg')), s.url);
    await toCamera(page, 'outage');
    expect(await doLiveness(page, 'outage')).toBe('closed');
    await page.getByText(t.closed.systemTitle).waitFor();
    expect(await page.getByTestId('closed').getAttribute('data-kind')).toBe('system');
    expect(await page.getByTestId('assisted').getAttribute('href')).toBe('https://help.example.org/assisted');
    await expect(page.getByTestId('try-later').isVisible()).resolves.toBe(true);
    await shot(page, 'outage-alternate-path');
  });

  it('says so when the ID upload is not an image (phone)', async () => {
    const s = await server();
    const page = await open(await launch(y4mFromFixture('obama-3.jpg')), s.url, PHONE);
    await toCamera(page, 'upload');
    expect(await doLiveness(page, 'upload')).toBe('pass');
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByRole('heading', { name: t.document.title }).waitFor();
    // Declared as text: refused in the page before sending.
    await page
      .getByTestId('doc-file')
      .setInputFiles({ name: 'id.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await page.getByTestId('error').getByText(t.document.notImage).waitFor();
    await shot(page, 'upload-not-image-phone');
    // Named and typed as a JPEG but not one: it does not decode, so it is refused before sending.
    await page
      .getByTestId('doc-file')
      .setInputFiles({ name: 'id.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('definitely not a jpeg') });
    await page.getByTestId('error').getByText(t.document.notImage).waitFor();
    expect(await page.getByTestId('doc-send').isVisible()).toBe(false);
    await shot(page, 'upload-mislabelled-phone');
    // A real image the server refuses (too small): the server's refusal is shown.
    await page.getByTestId('doc-file').setInputFiles(tinyJpeg());
    await page.getByTestId('doc-send').click();
    await page.getByTestId('error').getByText(t.document.serverRefused).waitFor(WAIT);
    await shot(page, 'upload-server-refused-phone');
    // A real photo still works afterwards.
    await doDocument(page, 'upload');
  });

  it('refuses a duplicate politely, without detail', async () => {
    const s = await server({ mode: 'duplicate' });
    const page = await open(await launch(y4mFromFixture('obama-1.jpg')), s.url);
    await toCamera(page, 'duplicate');
    expect(await doLiveness(page, 'duplicate')).toBe('pass');
    await page.getByRole('button', { name: t.continue }).click();
    await doDocument(page, 'duplicate');
    await page.getByRole('button', { name: t.continue }).click();
    await page.getByTestId('closed').waitFor(WAIT);
    expect(await page.getByTestId('closed').getAttribute('data-kind')).toBe('duplicate');
    expect(await page.locator('main').textContent()).not.toMatch(/scenario-duplicate|similar|match/i);
    await shot(page, 'duplicate-refused');
  });

  it('mounts the vendor component for a session-shape provider, straight after consent', async () => {
    const s = await server({ sessionShape: true });
    const page = await open(await launch(y4mFromFixture('obama-1.jpg')), s.url);
    await page.getByRole('heading', { name: t.consent.title }).waitFor();
    await page.getByLabel(t.consent.checkbox).check();
    await page.getByRole('button', { name: t.consent.start }).click();
    // The vendor's component opens and guides the camera itself: our camera view is skipped.
    await page.getByTestId('vendor-component').waitFor(WAIT);
    expect(await page.locator('video').count()).toBe(0);
    await shot(page, 'session-vendor-component');
    await page.getByRole('button', { name: t.liveness.vendorFinish }).click();
    await page.getByTestId('verdict').waitFor(WAIT);
    expect(await page.getByTestId('verdict').getAttribute('data-outcome')).toBe('pass');
  });
});

describe.skipIf(SKIP_BROWSER || !canResolve('@facegate/adapter-local'))('signup page with the local engine', () => {
  beforeAll(() => {
    webDir ||= buildPage();
  });

  it('rejects a still-photo replay and offers a retry', async () => {
    const s = await server({ provider: 'local' });
    // The default prompt time: the engine gets the frames a real person would send.
    const page = await open(await launch(y4mFromFixture('obama-1.jpg')), s.url, DESKTOP, '');
    await toCamera(page, 'replay');
    expect(await doLiveness(page, 'replay')).toBe('retry');
    await page.getByTestId('attempts-left').waitFor();
    await expect(page.getByTestId('retry').isVisible()).resolves.toBe(true);
    await shot(page, 'replay-rejected');
  });

  it('passes the colour challenge with a camera lit by the page, and refuses its frames replayed into a new session', async () => {
    // Turn-only challenges: the recording turns but is not known to blink on cue.
    const s = await server({
      provider: 'local',
      env: { SIGNUP_CHALLENGE_POOL: 'turn_left', SIGNUP_CHALLENGE_REQUIRE: 'none' },
    });
    const browser = await launch(undefined);
    const context = await browser.newContext({ viewport: DESKTOP });
    await context.addInitScript(promptedCameraScript(cap13Clip(), SCREEN_RGB));
    // The upload as the page sent it, kept by the page itself: Chromium leaves large request bodies
    // out of its network events, so playwright's postData can be empty for a 60-frame upload.
    await context.addInitScript(keepFramesUploadScript());
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    const framesAnswers: string[] = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('/api/signup/liveness/frames'))
        framesAnswers.push(`${r.status()} ${(await r.text().catch(() => '')).slice(0, 300)}`);
    });
    const issued: string[] = [];
    page.on('response', async (r) => {
      if (r.url().endsWith('/api/signup/liveness/challenge')) issued.push((await r.json()).challenge.nonce);
    });
    await page.goto(`${s.url}/`);
    await toCamera(page, 'bound');
    const outcome = await doLiveness(page, 'bound');
    // The page showed the server's colour sequence while it captured (the camera lit the head with each).
    const lit = await page.evaluate(() => (window as unknown as { __coloursLit?: string[] }).__coloursLit ?? []);
    expect(lit.length).toBeGreaterThanOrEqual(3);
    expect(await page.locator('body[data-light]').count(), 'the colour is gone after the capture').toBe(0);
    const verdict = (await page.getByTestId('verdict').or(page.getByTestId('closed')).textContent()) ?? '';
    expect(outcome, `${verdict} (server answers: ${framesAnswers.join(' | ')})`).toBe('pass');
    await page.getByRole('button', { name: t.continue }).click();
    await doDocument(page, 'bound');

    // The same upload, byte for byte, answering a new session's challenge (its nonce put in), sent
    // once the new challenge's capture could have ended (the attacker's best case: the capture
    // times then fit the server's clock): refused by the light, not by the clock.
    const upload = await page.evaluate(() => (window as unknown as { __framesUpload?: string }).__framesUpload);
    expect(upload, `the page uploaded its frames (answers: ${framesAnswers.join(' | ')})`).toBeDefined();
    const oldNonce = issued.at(-1) as string;
    const replayPage = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    await replayPage.goto(`${s.url}/`);
    const replay = await replayPage.evaluate(
      async ({ body, oldNonce }) => {
        const post = (path: string, json: unknown) =>
          fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) });
        await post('/api/signup/sessions', { auth: 'cookie' });
        const { challenge } = await (await post('/api/signup/liveness/challenge', {})).json();
        // The page's challenge carries no issue time: the answer's arrival is after it.
        await new Promise((done) => setTimeout(done, challenge.schedule.endMs + 300));
        const answer = await fetch('/api/signup/liveness/frames', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: body.split(oldNonce).join(challenge.nonce),
        });
        return { status: answer.status, body: await answer.json() };
      },
      { body: upload as string, oldNonce },
    );
    expect(replay.status, JSON.stringify(replay.body)).toBe(200);
    expect(replay.body.outcome, JSON.stringify(replay.body)).not.toBe('pass');
    expect(replay.body.reasons).toContain('light_mismatch');
    await shot(replayPage, 'bound-replay-refused');
  }, 240_000);
});
