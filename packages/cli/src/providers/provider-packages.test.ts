import { FacegateError, PROVIDER_TABLE } from '@facegate/core';
import { scenarioProviderFactory } from '@facegate/core/scenario';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error';
import { EXIT_CODES, exitCodeForError } from '../exit-codes';
import { findProviderPackage, importFactory, PROVIDER_PACKAGES } from './provider-packages';

const missing = (name: string) =>
  Object.assign(new Error(`Cannot find package '${name}' imported from /x/dist/cli.js`), {
    code: 'ERR_MODULE_NOT_FOUND',
  });

describe('importFactory', () => {
  it('returns the named factory', async () => {
    const factory = await importFactory('scenario', 'pkg', 'f', async () => ({ f: scenarioProviderFactory }));
    expect(factory).toBe(scenarioProviderFactory);
  });

  it('a missing adapter package → adapter_not_installed with the install command (exit 3)', async () => {
    const error = await importFactory('aws', '@facegate/adapter-aws', 'awsProviderFactory', async () => {
      throw missing('@facegate/adapter-aws');
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'adapter_not_installed', exitCode: 3 });
    expect((error as Error).message).toContain('npm install @facegate/adapter-aws');
  });

  it('a missing dependency of the adapter is not reported as the adapter missing', async () => {
    await expect(
      importFactory('local', '@facegate/adapter-local', 'localProviderFactory', async () => {
        throw missing('sharp');
      }),
    ).rejects.toMatchObject({
      code: 'adapter_load_failed',
      message: expect.stringMatching(/Cannot find package 'sharp'/),
    });
  });

  it.each([
    ['no such export', {}],
    ['a factory for another id', { f: scenarioProviderFactory }],
    ['not a factory', { f: { id: 'aws' } }],
  ])('refuses %s', async (_name, mod) => {
    await expect(importFactory('aws', '@facegate/adapter-aws', 'f', async () => mod)).rejects.toMatchObject({
      code: 'adapter_load_failed',
    });
  });
});

describe('the loader table', () => {
  it('knows every provider id once, scenario built in', () => {
    const ids = PROVIDER_PACKAGES.map((p) => p.id);
    expect(ids).toEqual(['local', 'aws', 'azure', 'decentro', 'facia', 'scenario']);
    expect(PROVIDER_PACKAGES.filter((p) => p.packageName === null).map((p) => p.id)).toEqual(['scenario']);
    expect(PROVIDER_PACKAGES.filter((p) => p.acceptsTemplateStore).map((p) => p.id)).toEqual(['local']);
  });
});

describe('exit codes', () => {
  it.each([
    [new CliError('usage_error', 'x'), EXIT_CODES.usage],
    [new CliError('input_error', 'x'), EXIT_CODES.usage],
    [new CliError('session_only_provider', 'x'), EXIT_CODES.usage],
    [new CliError('adapter_not_installed', 'x'), EXIT_CODES.system],
    [new CliError('store_error', 'x'), EXIT_CODES.system],
    [new FacegateError({ code: 'invalid_input', message: 'x' }), EXIT_CODES.usage],
    [new FacegateError({ code: 'unsupported_media', message: 'x' }), EXIT_CODES.usage],
    [new FacegateError({ code: 'resource_not_found', message: 'x' }), EXIT_CODES.usage],
    [new FacegateError({ code: 'configuration_error', message: 'x' }), EXIT_CODES.system],
    [new FacegateError({ code: 'auth_failed', message: 'x' }), EXIT_CODES.system],
    [new FacegateError({ code: 'timeout', message: 'x' }), EXIT_CODES.system],
    [new TypeError('bug'), EXIT_CODES.system],
  ])('%s → %s', (error, code) => {
    expect(exitCodeForError(error)).toBe(code);
  });
});

describe('the provider table and the adapters', () => {
  it("lists each provider's environment variables as its factory declares them", async () => {
    for (const entry of PROVIDER_TABLE) {
      const factory = await findProviderPackage(entry.id, PROVIDER_PACKAGES).load();
      expect(entry.envVars, entry.id).toEqual(factory.envVars.map((v) => v.name));
    }
  });
});
