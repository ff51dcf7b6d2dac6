import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { MAX_FRAMES } from '../http/schemas';
import { b64, createTestServer, type SignupClient, type TestServer, uniqueFace } from '../test-harness';
import { brokenUploads } from './broken-uploads';

let server: TestServer;
let atLiveness: SignupClient;
let atDocument: SignupClient;
let atRegister: SignupClient;
let nonce = '';

beforeAll(async () => {
  // Every case asks for a fresh challenge, so the per-signup challenge cap is raised here.
  server = await createTestServer({ env: { SIGNUP_MAX_CHALLENGES: '100' } });
  atLiveness = server.client();
  await atLiveness.start();
  nonce = (await atLiveness.post('/liveness/challenge')).body.challenge.nonce;
  atDocument = server.client();
  await atDocument.start();
  await atDocument.liveness();
  atRegister = server.client();
  await atRegister.signup().catch(() => undefined);
  atRegister = server.client();
  await atRegister.start();
  await atRegister.liveness();
  await atRegister.document();
  await atRegister.post('/match');
  await atRegister.post('/uniqueness');
});
afterAll(() => server.close());

const jpeg = readFixture('faces/obama-1.jpg');
const frame = (image: unknown, capturedAtMs: unknown = 0) => ({ image, capturedAtMs });
const frames = (list: unknown[]) => ({ nonce: () => nonce, frames: list });
const longString = (n: number) => 'x'.repeat(n);

type Who = 'liveness' | 'document' | 'register' | 'none';
type Case = [label: string, who: Who, path: string, body: unknown, headers?: Record<string, string>];

const cases: Case[] = [
  // Not JSON, wrong content types, wrong shapes at the top level.
  ['malformed JSON', 'liveness', '/liveness/challenge', '{"a":', undefined],
  ['JSON array instead of object', 'liveness', '/liveness/frames', '[]', undefined],
  ['JSON string', 'liveness', '/liveness/frames', '"frames"', undefined],
  ['JSON null', 'document', '/document', 'null', undefined],
  ['text/plain body', 'liveness', '/liveness/challenge', 'hello', { 'content-type': 'text/plain' }],
  [
    'form-encoded body',
    'register',
    '/register',
    'fullName=x&email=y',
    { 'content-type': 'application/x-www-form-urlencoded' },
  ],
  ['unknown field on an empty-body step', 'document', '/match', { force: true }],
  ['start with an unknown auth mode', 'none', '/sessions', { auth: 'magic' }],
  ['start with an extra field', 'none', '/sessions', { auth: 'cookie', admin: true }],
  // Liveness frames.
  ['frames without nonce', 'liveness', '/liveness/frames', { frames: [frame(b64(jpeg))] }],
  ['nonce not hex', 'liveness', '/liveness/frames', { nonce: 'z'.repeat(32), frames: [frame(b64(jpeg))] }],
  ['nonce too short', 'liveness', '/liveness/frames', { nonce: 'abc', frames: [frame(b64(jpeg))] }],
  [
    'wrong (but well-formed) nonce',
    'liveness',
    '/liveness/frames',
    { nonce: 'f'.repeat(32), frames: [frame(b64(jpeg))] },
  ],
  ['frames missing', 'liveness', '/liveness/frames', { nonce: 'a'.repeat(32) }],
  ['zero frames', 'liveness', '/liveness/frames', frames([])],
  [
    `${MAX_FRAMES + 1} frames`,
    'liveness',
    '/liveness/frames',
    frames(Array.from({ length: MAX_FRAMES + 1 }, () => frame(b64(jpeg)))),
  ],
  ['frame image not a string', 'liveness', '/liveness/frames', frames([frame(12345)])],
  ['frame image not base64', 'liveness', '/liveness/frames', frames([frame('not base64 at all!!')])],
  ['frame image base64 with bad padding', 'liveness', '/liveness/frames', frames([frame('QUJD=')])],
  ['frame image empty string', 'liveness', '/liveness/frames', frames([frame('')])],
  [
    'frame image is text bytes',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(new TextEncoder().encode('plain text file')))]),
  ],
  ['frame image truncated JPEG', 'liveness', '/liveness/frames', frames([frame(b64(jpeg.subarray(0, 3000)))])],
  [
    'frame image is a GIF',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b])))]),
  ],
  ['frame image is an MP4', 'liveness', '/liveness/frames', frames([frame(b64(readFixture('media/clip-2s.mp4')))])],
  [
    'frame over the per-frame size limit',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(new Uint8Array(700 * 1024)))]),
  ],
  ['negative capture time', 'liveness', '/liveness/frames', frames([frame(b64(jpeg), -5)])],
  ['capture time not a number', 'liveness', '/liveness/frames', frames([frame(b64(jpeg), 'soon')])],
  ['capture time too large', 'liveness', '/liveness/frames', frames([frame(b64(jpeg), 10_000_000)])],
  [
    'capture times going backwards',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(uniqueFace()), 500), frame(b64(uniqueFace()), 100)]),
  ],
  [
    'extra field in a frame',
    'liveness',
    '/liveness/frames',
    frames([{ image: b64(jpeg), capturedAtMs: 0, live: true }]),
  ],
  // Document.
  ['document without image', 'document', '/document', {}],
  ['document image a number', 'document', '/document', { image: 7 }],
  ['document image not base64', 'document', '/document', { image: '###' }],
  ['document image is a PDF', 'document', '/document', { image: b64(new TextEncoder().encode('%PDF-1.7\n%%EOF')) }],
  ['document too small', 'document', '/document', { image: b64(readFixture('media/clip-2s.mp4').subarray(0, 0)) }],
  [
    'document tiny but valid image',
    'document',
    '/document',
    { image: b64(readFixture('media/exif-camera.jpg').subarray(0, 10)) },
  ],
  ['document filename too long', 'document', '/document', { image: b64(jpeg), filename: longString(500) }],
  [
    'document data URL of the wrong kind',
    'document',
    '/document',
    { image: `data:text/html;base64,${b64(new TextEncoder().encode('<script>'))}` },
  ],
  // Registration form.
  ['register without email', 'register', '/register', { fullName: 'A' }],
  ['register with an invalid email', 'register', '/register', { fullName: 'A', email: 'not-an-email' }],
  ['register with an empty name', 'register', '/register', { fullName: '   ', email: 'a@example.org' }],
  ['register with a very long name', 'register', '/register', { fullName: longString(300), email: 'a@example.org' }],
  [
    'register with markup in the name',
    'register',
    '/register',
    { fullName: '<script>alert(1)</script>', email: 'a@example.org' },
  ],
  ['register with a bad phone', 'register', '/register', { fullName: 'A', email: 'a@example.org', phone: 'call me' }],
  ['register with a name of the wrong type', 'register', '/register', { fullName: ['A'], email: 'a@example.org' }],
  ['register with an unknown field', 'register', '/register', { fullName: 'A', email: 'a@example.org', role: 'admin' }],
  // Undecodable pixels behind valid headers, one per decoder family.
  ...(await brokenUploads(readFixture('faces/obama-2.jpg'))).map(
    ({ family, bytes }): Case => [`document: ${family}`, 'document', '/document', { image: b64(bytes) }],
  ),
  [
    'frame with undecodable pixels',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(Uint8Array.from([...jpeg.subarray(0, jpeg.length / 2), 0xff, 0xd9])))]),
  ],
  // Names with characters that are not letters of a name.
  ...(
    [
      ['NUL', 'Ada\u0000'],
      ['ESC', 'Ada\u001b[0m'],
      ['BEL', 'Ada\u0007'],
      ['backspace', 'Ada\u0008x'],
      ['C1 control', 'Ada\u009b'],
      ['right-to-left override', 'Ada\u202e'],
      ['right-to-left isolate', 'Ada\u2067'],
      ['zero-width space', 'Ada\u200b'],
      ['word joiner', 'Ada\u2060'],
      ['byte order mark', '\ufeffAda'],
      ['line separator', 'Ada\u2028'],
      ['lone surrogate', 'Ada\udfff'],
      ['private use', 'Ada\uf8ff'],
      ['no-break space', 'Ada\u00a0B'],
      ['double space', 'Ada  B'],
      ['digits', 'Ada 1'],
      ['emoji', 'Ada 🎉'],
    ] as const
  ).map(
    ([label, fullName]): Case => [
      `register with a name holding a ${label}`,
      'register',
      '/register',
      { fullName, email: 'a@example.org' },
    ],
  ),
  // Unknown keys: refused without being echoed (the test below checks the message).
  [
    'register with a 200 000-character unknown key',
    'register',
    '/register',
    { fullName: 'A', email: 'a@example.org', [`<img src=x onerror=alert(1)>${'k'.repeat(200_000)}`]: 1 },
  ],
  [
    'frames with a markup key in a frame',
    'liveness',
    '/liveness/frames',
    frames([{ image: b64(jpeg), capturedAtMs: 0, '<script>': 1 }]),
  ],
  // Content types that are not JSON.
  ['text/plain frames', 'liveness', '/liveness/frames', '{}', { 'content-type': 'text/plain' }],
  ['text/plain document', 'document', '/document', '{}', { 'content-type': 'text/plain; charset=utf-8' }],
  ['text/plain registration', 'register', '/register', '{"fullName":"A"}', { 'content-type': 'text/plain' }],
  // Forged capture times.
  [
    'frames all stamped 0',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(uniqueFace()), 0), frame(b64(uniqueFace()), 0), frame(b64(uniqueFace()), 0)]),
  ],
  [
    'frames stamped far ahead of the server clock',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(uniqueFace()), 0), frame(b64(uniqueFace()), 590_000)]),
  ],
  [
    'frames with a repeated stamp',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(uniqueFace()), 0), frame(b64(uniqueFace()), 100), frame(b64(uniqueFace()), 100)]),
  ],
  [
    'three prompts answered within 2 ms',
    'liveness',
    '/liveness/frames',
    frames([frame(b64(uniqueFace()), 0), frame(b64(uniqueFace()), 1), frame(b64(uniqueFace()), 2)]),
  ],
];

const clientFor = (who: Who) =>
  who === 'liveness' ? atLiveness : who === 'document' ? atDocument : who === 'register' ? atRegister : server.client();

async function snapshot() {
  const count = async (table: string) =>
    Number((await server.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  const views = await Promise.all(
    [atLiveness, atDocument, atRegister].map(async (c) => {
      const { step, status, attemptsLeft, results } = (await c.get('/sessions/current')).body.session;
      return { step, status, attemptsLeft, results };
    }),
  );
  return {
    users: await count('users'),
    media: await count('signup_media'),
    templates: await count('face_templates'),
    views,
  };
}

describe('bad-input corpus', () => {
  it('has at least 40 malformed requests', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s → 4xx with a clear message, nothing changed', async (_label, who, path, rawBody, headers) => {
    // Each request gets a fresh challenge to aim at, so only the malformation is under test.
    if (who === 'liveness') nonce = (await atLiveness.post('/liveness/challenge')).body.challenge.nonce;
    const body =
      typeof rawBody === 'object' && rawBody !== null && typeof (rawBody as { nonce?: unknown }).nonce === 'function'
        ? { ...(rawBody as object), nonce }
        : rawBody;
    const before = await snapshot();
    const reply = await clientFor(who).post(path, body, headers);
    expect(reply.status, JSON.stringify(reply.body).slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(typeof reply.body.error?.code).toBe('string');
    expect(reply.body.error.message.length).toBeGreaterThan(10);
    // The message never echoes the upload, nor any key or text the request made up.
    expect(reply.body.error.message).not.toContain(b64(jpeg).slice(100, 160));
    expect(JSON.stringify(reply.body)).not.toMatch(/<script>|<img|kkkkkkkk/);
    expect(JSON.stringify(reply.body).length).toBeLessThan(2_000);
    const after = await snapshot();
    expect(after.users).toBe(before.users);
    expect(after.media).toBe(before.media);
    expect(after.templates).toBe(before.templates);
    expect(after.views).toEqual(before.views);
  });

  it('the server still works after the whole corpus', async () => {
    expect(
      (await atRegister.register({ fullName: 'Still Fine', email: `fine-${Date.now()}@example.org` })).status,
    ).toBe(201);
  });
});
