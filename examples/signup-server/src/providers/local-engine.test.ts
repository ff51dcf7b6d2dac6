// The signup server on the offline engine (real models on real pixels) and
// its database-backed face templates.
import { createLocalProvider } from '@facegate/adapter-local';
import { createFacegate } from '@facegate/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFixture } from '../../../../test-support/fixtures';
import { TemplateRepository } from '../db/template-repository';
import { b64, createTestServer, fastClient, sharedDatabase, type TestServer } from '../test-harness';

let server: TestServer;
let templates: TemplateRepository;

beforeAll(async () => {
  const db = await sharedDatabase();
  templates = await TemplateRepository.open(db);
  const local = fastClient(createLocalProvider({ templateStore: templates }));
  await local.warmUp();
  server = await createTestServer({ db, verification: () => local });
}, 120_000);
afterAll(() => server?.close());

describe('signup server on the offline engine', () => {
  it('asks for an active challenge', () => {
    expect(server.providers.livenessShape).toBe('frames');
  });

  it('a still photo held up for the whole challenge does not pass liveness, and a retry is offered', async () => {
    const client = server.client();
    await client.start();
    const challenge = await client.post('/liveness/challenge');
    const steps: string[] = challenge.body.challenge.steps;
    const photo = readFixture('faces/obama-1.jpg');
    const frames = steps.flatMap((_, i) => [0, 1].map((k) => ({ image: b64(photo), capturedAtMs: i * 900 + k * 300 })));
    // The capture takes as long as its stamps say (the server checks them against its clock).
    server.advance(Math.max(...frames.map((f) => f.capturedAtMs)) + 100);
    const reply = await client.post('/liveness/frames', { nonce: challenge.body.challenge.nonce, frames });
    expect(reply.status).toBe(200);
    expect(reply.body.outcome).not.toBe('pass');
    expect(reply.body.session.attemptsLeft.liveness).toBe(2);
    expect(reply.body.session.step).toBe('liveness');
  }, 120_000);

  it('templates written by one engine instance are found by another (shared database)', async () => {
    const collection = `local-test-${Date.now()}`;
    const first = createFacegate({ provider: createLocalProvider({ templateStore: templates }) });
    await first.ensureCollection({ collection });
    await first.indexFace({ collection, externalId: 'user-1', image: readFixture('faces/obama-1.jpg') });
    const rows = await server.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM face_templates WHERE collection = $1',
      [collection],
    );
    expect(Number(rows[0]?.n)).toBe(1);

    const second = createFacegate({
      provider: createLocalProvider({ templateStore: await TemplateRepository.open(server.db) }),
    });
    const same = await second.searchFaces({ collection, image: readFixture('faces/obama-2.jpg') });
    expect(same.decision.outcome).not.toBe('pass');
    expect(same.matches[0]?.externalId).toBe('user-1');
    const other = await second.searchFaces({ collection, image: readFixture('faces/biden-1.jpg') });
    expect(other.decision.outcome).toBe('pass');

    await second.removeFaces({ collection, externalIds: ['user-1'] });
    expect((await second.searchFaces({ collection, image: readFixture('faces/obama-2.jpg') })).decision.outcome).toBe(
      'pass',
    );
  }, 120_000);
});
