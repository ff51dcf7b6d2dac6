// The UI files shipped for signup-service cover every code the verifier sends.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ESIGNET_ENV } from '../config';
import { ERROR_CODES, LIVENESS_STEP, MESSAGE_CODES, RESULT_ERROR_CODES } from './codes';

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../esignet-config/${name}`, import.meta.url), 'utf8'));
const idv = read('signup-idv_facegate.json');
const details = read('signup-identity-verifier-details.json');

describe('signup-idv_facegate.json', () => {
  it('has the keys signup-ui reads', () => {
    expect(Object.keys(idv).sort()).toEqual(['errors', 'messages', 'previewInfo', 'stepCodes', 'terms&Conditions']);
    expect(Object.keys(idv.previewInfo)).toEqual([
      'step_1',
      'step_2',
      'step_3',
      'step_4',
      'step_5',
      'step_6',
      'step_7',
    ]);
    expect(idv['terms&Conditions'].eng).toMatch(/deleted/);
  });

  it('has English text for the step and for every MESSAGE and ERROR code, and nothing else', () => {
    expect(Object.keys(idv.stepCodes)).toEqual([LIVENESS_STEP]);
    expect(Object.keys(idv.messages).sort()).toEqual(Object.keys(MESSAGE_CODES).sort());
    expect(Object.keys(idv.errors).sort()).toEqual([...new Set([...ERROR_CODES, ...RESULT_ERROR_CODES])].sort());
    for (const group of [idv.stepCodes, idv.messages, idv.errors, idv.previewInfo])
      for (const text of Object.values(group) as { eng: string }[]) expect(text.eng.length).toBeGreaterThan(3);
  });
});

describe('signup-identity-verifier-details.json', () => {
  it('lists this verifier under the default id, as a VIDEO process with a duration', () => {
    expect(details).toHaveLength(1);
    expect(details[0]).toMatchObject({
      id: ESIGNET_ENV.parse({}).ESIGNET_VERIFIER_ID,
      processType: 'VIDEO',
      active: true,
      retryOnFailure: true,
    });
    expect(details[0].processDuration).toBeGreaterThan(60);
    expect(Object.keys(details[0]).sort()).toEqual([
      'active',
      'description',
      'displayName',
      'id',
      'logoUrl',
      'processDuration',
      'processType',
      'resumeOnSuccess',
      'retryOnFailure',
    ]);
  });
});
