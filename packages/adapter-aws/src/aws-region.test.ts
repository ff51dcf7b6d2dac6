import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FacegateError } from '@facegate/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createAwsProvider } from './aws-provider';
import { awsProviderFactory } from './aws-provider-factory';
import { findAwsRegion, requireAwsRegion } from './aws-region';
import { callContext, fixtureImage, TEST_CREDENTIALS, useRekognition } from './aws-test-setup';

const rekognition = useRekognition();

const home = mkdtempSync(join(tmpdir(), 'facegate-aws-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.aws'));
writeFileSync(
  join(home, '.aws', 'config'),
  ['[default]', 'region = eu-north-1', '', '[profile kyc]', 'output = json', 'region=ap-south-1  # Mumbai', ''].join(
    '\n',
  ),
);
writeFileSync(join(home, '.aws', 'credentials'), ['[ops]', 'region = ca-central-1', ''].join('\n'));

describe('AWS region, found like the SDK chain', () => {
  it('takes the option, then AWS_REGION, then the profile in ~/.aws/config', () => {
    expect(findAwsRegion('us-east-2', { HOME: home, AWS_REGION: 'eu-west-1' })).toEqual({
      region: 'us-east-2',
      source: 'option',
    });
    expect(findAwsRegion(undefined, { HOME: home, AWS_REGION: 'eu-west-1' })).toEqual({
      region: 'eu-west-1',
      source: 'AWS_REGION',
    });
    expect(findAwsRegion(undefined, { HOME: home })).toEqual({ region: 'eu-north-1', source: 'profile' });
    expect(findAwsRegion(undefined, { HOME: home, AWS_PROFILE: 'kyc' })?.region).toBe('ap-south-1');
    expect(findAwsRegion(undefined, { HOME: home, AWS_PROFILE: 'ops' })?.region).toBe('ca-central-1');
  });

  it('honours AWS_CONFIG_FILE and reads nothing outside the given environment', () => {
    const file = join(home, 'elsewhere.ini');
    writeFileSync(file, '[profile team]\nregion = sa-east-1\n');
    expect(findAwsRegion(undefined, { AWS_CONFIG_FILE: file, AWS_PROFILE: 'team' })?.region).toBe('sa-east-1');
    expect(findAwsRegion(undefined, {})).toBeUndefined();
    expect(findAwsRegion(undefined, { HOME: home, AWS_PROFILE: 'missing' })).toBeUndefined();
  });

  it('refuses a malformed profile region, and names every place when there is none', () => {
    const file = join(home, 'bad.ini');
    writeFileSync(file, '[default]\nregion = eu west/1\n');
    expect(() => findAwsRegion(undefined, { AWS_CONFIG_FILE: file })).toThrow(/not a region name/);
    let error: unknown;
    try {
      requireAwsRegion(undefined, {});
    } catch (caught) {
      error = caught;
    }
    expect(FacegateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'configuration_error', details: { option: 'region', envVar: 'AWS_REGION' } });
    expect((error as Error).message).toMatch(/AWS_REGION.*AWS_PROFILE.*~\/\.aws\/config/);
  });

  it('signs requests for the profile’s region when AWS_REGION is unset', async () => {
    const provider = createAwsProvider({ credentials: TEST_CREDENTIALS, env: { HOME: home, AWS_PROFILE: 'kyc' } });
    await provider.doAnalyzeQuality({ image: fixtureImage('faces/obama-1.jpg') }, callContext());
    expect(rekognition.requests[0]?.headers.authorization).toMatch(/\/ap-south-1\/rekognition\/aws4_request/);
  });

  it('counts a profile region as configured in the factory’s report', () => {
    expect(awsProviderFactory.describeConfiguration?.({ HOME: home })).toMatchObject({ configured: true, missing: [] });
    expect(awsProviderFactory.describeConfiguration?.({})).toMatchObject({
      configured: false,
      missing: ['AWS_REGION'],
    });
  });
});
