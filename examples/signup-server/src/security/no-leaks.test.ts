// Sentinel test: whatever happens in a signup (success, vendor failure, bad
// input, duplicate), no log line and no response carries a session token,
// image bytes (raw or base64) or a secret the provider declares.
import { Writable } from 'node:stream';
import { createScenarioProvider } from '@facegate/core/scenario';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT_PATHS } from '../http/app';
import { b64, createTestServer, type Reply, type TestServer, uniqueFace } from '../test-harness';

const SECRET = 'sentinel-secret-7f3a91c2e5';
const lines: string[] = [];
const replies: Reply[] = [];
let server: TestServer;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  server = await createTestServer({
    scenario: createScenarioProvider({ secrets: [SECRET] }),
    loggerInstance: pino({ level: 'trace', redact: LOG_REDACT_PATHS }, sink),
  });
}, 60_000);
afterAll(() => server?.close());

/** Every 48-byte window of these images, base64-encoded at each alignment, must appear nowhere. */
function fragmentsOf(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (let start = 0; start + 48 <= bytes.length; start += 997) {
    for (let shift = 0; shift < 3; shift++)
      out.push(b64(bytes.subarray(start + shift, start + shift + 48)).slice(4, 60));
  }
  out.push(Buffer.from(bytes.subarray(200, 248)).toString('hex'));
  return out;
}

describe('no secrets, tokens or image bytes in logs or responses', () => {
  const selfie = uniqueFace();
  const tokens: string[] = [];

  it('runs signups through success, failure and bad input', async () => {
    const record = async (p: Promise<Reply>) => {
      const r = await p;
      replies.push(r);
      return r;
    };
    // A full signup, then the same face again (duplicate).
    const first = server.client();
    await record(first.signup(selfie));
    tokens.push(first.cookie);
    const again = server.client();
    await record(again.signup(selfie));
    tokens.push(again.cookie);
    // A vendor outage during liveness.
    const outage = server.client();
    await record(outage.start());
    server.scenario.script.setMode('outage');
    try {
      await record(outage.liveness([uniqueFace()]));
    } finally {
      server.scenario.script.setMode('happy');
    }
    // Bad input: a corrupt image, a secret-looking value and a session token in fields where they do not belong.
    const bad = server.client();
    await record(bad.start());
    tokens.push(bad.cookie);
    const challenge = await record(bad.post('/liveness/challenge'));
    await record(
      bad.post('/liveness/frames', {
        nonce: challenge.body.challenge.nonce,
        frames: [{ image: b64(selfie.subarray(0, 400)), capturedAtMs: 0 }],
      }),
    );
    await record(bad.post('/document', { image: `${b64(selfie)}${SECRET}`, filename: SECRET }));
    await record(
      bad.request(
        'POST',
        '/api/signup/register',
        { fullName: SECRET, email: 'x' },
        { authorization: `Bearer ${SECRET}` },
      ),
    );
    // A session token (and a secret) put in the query string: request log lines carry the path only.
    const token = bad.cookie.replace('fg_signup=', '');
    await record(bad.request('GET', `/api/signup/sessions/current?token=${token}&key=${SECRET}`));
    await record(bad.request('POST', `/api/signup/match?access_token=${token}`, {}));
    await record(bad.request('GET', `/no/such/route?token=${token}&key=${SECRET}`));
    expect(lines.some((l) => l.includes('"path":"/api/signup/sessions/current"'))).toBe(true);
    expect(replies.length).toBeGreaterThan(8);
    expect(lines.length).toBeGreaterThan(20);
  });

  it('log lines hold none of it', () => {
    const log = lines.join('');
    for (const f of fragmentsOf(selfie)) expect(log).not.toContain(f);
    for (const t of tokens) expect(log).not.toContain(t.replace('fg_signup=', ''));
    expect(log).not.toContain(SECRET);
    // No long base64 runs at all (an image or an embedding would be one).
    expect(log.match(/[A-Za-z0-9+/]{120,}/g) ?? []).toEqual([]);
  });

  it('responses hold none of it', () => {
    const bodies = replies.map((r) => JSON.stringify(r.body)).join('\n');
    for (const f of fragmentsOf(selfie)) expect(bodies).not.toContain(f);
    expect(bodies).not.toContain(SECRET);
    expect(bodies.match(/[A-Za-z0-9+/]{120,}/g) ?? []).toEqual([]);
  });
});
