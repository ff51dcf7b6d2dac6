// Expected message sequences, written as eSignet mock-verifier stories
// (fixtures/esignet/stories), replayed through the state machine.
import { readdirSync, readFileSync } from 'node:fs';
import { createScenarioProvider, type ScenarioMode } from '@facegate/core/scenario';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath } from '../../../../test-support/fixtures';
import type { Feedback, StepDetail, VerificationResult } from '../protocol/wire';
import { createTestVerifier, signupUiBatches } from '../replay/signup-ui-replay';
import { ensureSchema, openSql, type Sql } from '../store/sql';

/** eSignet's `MockScene` / `MockUserStory` shape, plus how to replay it. */
interface Story {
  facegate: { description: string; scenario: ScenarioMode; frames: number };
  scenes: { frameNumber: number; stepCode: string; step: StepDetail | null; feedback: Feedback | null }[];
  verificationResult: VerificationResult;
}

const dir = fixturePath('esignet/stories');
const stories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, story: JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Story }));

let sql: Sql;
let jpeg: Uint8Array;
beforeAll(async () => {
  sql = await openSql({ pgliteDataDir: 'memory' });
  await ensureSchema(sql);
  jpeg = new Uint8Array(
    await sharp({ create: { width: 160, height: 100, channels: 3, background: '#907860' } })
      .jpeg({ quality: 1 })
      .toBuffer(),
  );
});
afterAll(() => sql?.close());

describe('mock-verifier stories of the facegate verifier', () => {
  it('has stories to replay', () => expect(stories.length).toBeGreaterThanOrEqual(3));

  for (const { file, story } of stories)
    it(`${file}: ${story.facegate.description}`, async () => {
      const t = await createTestVerifier(
        [createScenarioProvider({ mode: story.facegate.scenario })],
        { ESIGNET_VERIFIED_CLAIMS: 'fullName' },
        { sql },
      );
      try {
        const slot = `story-${file}`;
        const start = await t.start(slot);
        const played = await t.play(
          slot,
          signupUiBatches('liveness_check', Array(story.facegate.frames).fill(jpeg), 10),
        );
        const scenes = [
          ...start.map((r) => ({ frameNumber: 0, stepCode: 'START', step: r.step, feedback: r.feedback })),
          ...played.map((p) => ({
            frameNumber: p.afterOrder,
            stepCode: 'liveness_check',
            step: p.result.step,
            feedback: p.result.feedback,
          })),
        ];
        expect(scenes).toEqual(story.scenes);
        for (const p of played) expect(p.result).toMatchObject({ id: slot, verifierId: 'facegate' });
        expect(await t.verifier.getVerificationResult(slot)).toEqual(story.verificationResult);
      } finally {
        await t.close();
      }
    });
});
