// The HTTP service the Java plugin calls, its Kafka publisher boundary, and
// the start-up checks.
import { FacegateError } from '@facegate/core';
import { createScenarioProvider } from '@facegate/core/scenario';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsignetEnv } from '../config';
import { identityVerificationResultSchema, RESULT_TOPIC } from '../protocol/wire';
import { ensureSchema, openSql, type Sql } from '../store/sql';
import { createVerifierProvider } from './providers';
import type { KafkaProducerLike } from './publisher';
import { type RunningService, startService } from './run';

const TOKEN = 'a-test-token-of-enough-length';
const auth = { authorization: `Bearer ${TOKEN}` };
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A kafkajs-shaped producer that records what it was asked to send (no broker here). */
function recordingProducer(fail = false) {
  const sent: Parameters<KafkaProducerLike['send']>[0][] = [];
  const producer: KafkaProducerLike = {
    connect: async () => {},
    disconnect: async () => {},
    send: async (record) => {
      if (fail) throw new Error('broker down');
      sent.push(record);
      return [];
    },
  };
  return { producer, sent };
}

let plain: RunningService;
let kafka: RunningService;
let kafkaSent: ReturnType<typeof recordingProducer>['sent'];
let frame: string;
let sql: Sql;

beforeAll(async () => {
  sql = await openSql({ pgliteDataDir: 'memory' });
  await ensureSchema(sql);
  const env = { PGLITE_DATA_DIR: 'memory', ESIGNET_SERVICE_TOKEN: TOKEN };
  plain = await startService({ env, providers: [createScenarioProvider()], logger: silent, listen: false, sql });
  const recorder = recordingProducer();
  kafkaSent = recorder.sent;
  kafka = await startService({
    env,
    providers: [createScenarioProvider()],
    logger: silent,
    listen: false,
    kafkaProducer: recorder.producer,
    sql,
  });
  frame = (
    await sharp({ create: { width: 160, height: 100, channels: 3, background: '#706050' } })
      .jpeg({ quality: 1 })
      .toBuffer()
  ).toString('base64');
}, 60_000);
afterAll(async () => {
  await plain?.close();
  await kafka?.close();
  await sql?.close();
});

const post = (s: RunningService, path: string, payload: unknown, headers: Record<string, string> = auth) =>
  s.app.inject({ method: 'POST', url: `/v1/esignet/${path}`, headers, payload: payload as object });

describe('eSignet verifier HTTP service', () => {
  it('refuses calls without the bearer token; health needs none', async () => {
    expect((await post(plain, 'initialize', { slotId: 's-0' }, {})).statusCode).toBe(401);
    expect((await post(plain, 'initialize', { slotId: 's-0' }, { authorization: 'Bearer nope' })).statusCode).toBe(401);
    const health = await plain.app.inject({ method: 'GET', url: '/v1/esignet/health' });
    expect(health.json()).toMatchObject({ status: 'ready', provider: 'scenario', verifierId: 'facegate' });
  });

  it('refuses malformed bodies with 400 and changes nothing', async () => {
    for (const body of [
      {},
      { slotId: '' },
      { slotId: 'has space' },
      { slotId: 's-1', stepCode: 'START', frames: 'x' },
    ]) {
      const reply = await post(plain, 'verify', body);
      expect(reply.statusCode).toBe(400);
      expect(reply.json().error).toBe('invalid_request');
    }
    expect(await plain.store.read('s-1')).toBeNull();
  });

  it('runs the three operations; verify answers with the messages for the plugin to publish', async () => {
    const slotId = 'aGVsbG8/d29ybGQ+Kw=='; // base64 with / and +: why slot ids travel in the body
    expect((await post(plain, 'initialize', { slotId, individualId: 'ind-1' })).json()).toEqual({ created: true });
    const started = (await post(plain, 'verify', { slotId, stepCode: 'START', frames: [] })).json();
    expect(started.published).toBe(false);
    expect(started.results.map((r: unknown) => identityVerificationResultSchema.parse(r).step?.code)).toEqual([
      'liveness_check',
    ]);
    const batch = { slotId, stepCode: 'liveness_check', frames: [{ frame, order: 0 }] };
    expect((await post(plain, 'verify', batch)).json()).toEqual({ results: [], published: false });
    expect((await post(plain, 'result', { slotId })).json()).toEqual({
      status: 'STARTED',
      verifiedClaims: {},
      errorCode: null,
    });
    expect((await post(plain, 'result', { slotId: 'unknown' })).statusCode).toBe(404);
  });

  it('with a broker configured, publishes to ANALYZE_FRAMES_RESULT keyed by slot, bare JSON, no type header', async () => {
    const slotId = 'kafka-slot';
    await post(kafka, 'initialize', { slotId });
    const answer = (await post(kafka, 'verify', { slotId, stepCode: 'START', frames: [] })).json();
    expect(answer.published).toBe(true);
    expect(kafkaSent).toHaveLength(1);
    const record = kafkaSent[0];
    expect(record?.topic).toBe(RESULT_TOPIC);
    expect(record?.acks).toBe(-1);
    expect(record?.messages).toHaveLength(1);
    const message = record?.messages[0];
    expect(message?.key).toBe(slotId);
    expect(message?.headers).toBeUndefined();
    expect(JSON.parse(message?.value ?? 'null')).toEqual(answer.results[0]);
    expect(Object.keys(JSON.parse(message?.value ?? '{}')).sort()).toEqual(['feedback', 'id', 'step', 'verifierId']);
  });

  it('a failing broker leaves publishing to the plugin (nothing is lost)', async () => {
    const failing = await startService({
      env: { PGLITE_DATA_DIR: 'memory' },
      providers: [createScenarioProvider()],
      logger: silent,
      listen: false,
      kafkaProducer: recordingProducer(true).producer,
      sql,
    });
    try {
      await post(failing, 'initialize', { slotId: 'k2' }, {});
      const answer = (await post(failing, 'verify', { slotId: 'k2', stepCode: 'START', frames: [] }, {})).json();
      expect(answer.published).toBe(false);
      expect(answer.results).toHaveLength(1);
    } finally {
      await failing.close();
    }
  });
});

describe('start-up checks', () => {
  const expectRefused = async (env: Record<string, string>, text: RegExp) => {
    const error = await createVerifierProvider(env, silent).catch((e: unknown) => e);
    expect(FacegateError.isInstance(error) && error.code).toBe('configuration_error');
    expect((error as Error).message).toMatch(text);
  };

  it('refuses session-only vendors, naming why and what to use', async () => {
    await expectRefused(
      { FACEGATE_PROVIDER: 'aws' },
      /aws cannot verify eSignet signups.*session liveness.*FACEGATE_PROVIDER=local/,
    );
    await expectRefused({ FACEGATE_PROVIDER: 'azure' }, /azure cannot verify.*own browser component/);
  });

  it('refuses image-only vendors, and any such vendor in the fallback chain', async () => {
    await expectRefused({ FACEGATE_PROVIDER: 'decentro' }, /decentro cannot verify.*one still image/);
    await expectRefused({ FACEGATE_PROVIDER: 'local', FACEGATE_FALLBACK: 'facia' }, /facia cannot verify/);
  });

  it('accepts the offline engine (the default)', async () => {
    const { facegate, frameLimits } = await createVerifierProvider({}, silent);
    expect(facegate.providerIds).toEqual(['local']);
    expect(frameLimits.max).toBeGreaterThanOrEqual(frameLimits.min);
  });

  it('refuses to listen beyond loopback without a token, and bad settings by name', () => {
    expect(() => loadEsignetEnv({ HOST: '0.0.0.0' })).toThrow(/ESIGNET_SERVICE_TOKEN/);
    expect(() => loadEsignetEnv({ HOST: '0.0.0.0', ESIGNET_SERVICE_TOKEN: TOKEN })).not.toThrow();
    expect(() => loadEsignetEnv({ ESIGNET_FPS: '0' })).toThrow(/ESIGNET_FPS/);
    expect(() => loadEsignetEnv({ ESIGNET_CHALLENGE_POOL: 'look_straight' })).toThrow(/ESIGNET_CHALLENGE_POOL/);
    expect(() => loadEsignetEnv({ ESIGNET_CHALLENGE_REQUIRE: 'look_up' })).toThrow(/ESIGNET_CHALLENGE_REQUIRE/);
  });
});
