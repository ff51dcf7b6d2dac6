// Several verifier instances on one PostgreSQL server (a throwaway cluster on
// a free local port): a slot's calls may land on any instance, and two calls
// for one slot at the same moment are serialised by the row lease.
import { createScenarioProvider } from '@facegate/core/scenario';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test helper of the signup server (same Debian binaries, same approach); used read-only.
import { startTempPostgres, type TempPostgres } from '../../../../examples/signup-server/src/db/temp-postgres';
import { createTestVerifier, signupUiBatches, type TestVerifier } from '../replay/signup-ui-replay';
import { openSql, type Sql } from './sql';

let pg: TempPostgres;
let sqlA: Sql;
let sqlB: Sql;
let a: TestVerifier;
let b: TestVerifier;
let jpeg: Uint8Array;

beforeAll(async () => {
  pg = await startTempPostgres();
  sqlA = await openSql({ databaseUrl: pg.url });
  sqlB = await openSql({ databaseUrl: pg.url });
  a = await createTestVerifier([createScenarioProvider()], {}, { sql: sqlA });
  b = await createTestVerifier([createScenarioProvider()], {}, { sql: sqlB });
  jpeg = new Uint8Array(
    await sharp({ create: { width: 160, height: 100, channels: 3, background: '#605040' } })
      .jpeg({ quality: 1 })
      .toBuffer(),
  );
}, 120_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
  await sqlA?.close();
  await sqlB?.close();
  await pg?.stop();
});

describe('slot state on PostgreSQL, two instances', () => {
  it('a slot whose calls alternate between instances completes, with the same messages as on one', async () => {
    expect(sqlA.kind).toBe('postgres');
    await a.verifier.initialize('pg-1', { individualId: 'x' });
    const start = await b.verifier.verify('pg-1', { stepCode: 'START', frames: [] });
    expect(start[0]?.step?.code).toBe('liveness_check');
    const batches = signupUiBatches('liveness_check', Array(80).fill(jpeg), 10);
    const codes: string[] = [];
    for (const [i, m] of batches.entries()) {
      const instance = i % 2 === 0 ? a : b;
      instance.clock.now += 1100;
      for (const r of await instance.verifier.verify('pg-1', m)) codes.push(r.feedback?.code ?? r.step?.code ?? '');
    }
    expect(codes).toEqual(['blink', 'turn_left', 'success_check', 'END']);
    expect((await a.verifier.getVerificationResult('pg-1'))?.status).toBe('COMPLETED');
    expect(await b.store.frameCount('pg-1')).toBe(0);
  });

  it('the same batch sent to both instances at once is stored once; the other copy is refused', async () => {
    await a.verifier.initialize('pg-2', {});
    await a.verifier.verify('pg-2', { stepCode: 'START', frames: [] });
    const [batch] = signupUiBatches('liveness_check', Array(10).fill(jpeg), 10);
    const answers = await Promise.all([
      a.verifier.verify('pg-2', batch as never),
      b.verifier.verify('pg-2', batch as never),
    ]);
    const errors = answers.flat().filter((r) => r.feedback?.type === 'ERROR');
    expect(errors.map((r) => r.feedback?.code)).toEqual(['invalid_order']);
    expect(await a.store.frameCount('pg-2')).toBe(10);
  });
});
