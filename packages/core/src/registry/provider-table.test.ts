import { describe, expect, it } from 'vitest';
import { scenarioProviderFactory } from '../scenario/scenario-provider-factory';
import { FACEGATE_ENV_VARS } from './env-config';
import { ADAPTER_PROVIDER_IDS, PROVIDER_IDS, PROVIDER_TABLE, providerLoaders } from './provider-table';

describe('the provider table', () => {
  it('has each id once, adapters as @facegate/adapter-<id>, scenario built in', () => {
    expect(new Set(PROVIDER_IDS).size).toBe(PROVIDER_TABLE.length);
    for (const entry of PROVIDER_TABLE) {
      if (entry.packageName === null) expect(entry.specifier).toMatch(/^@facegate\/core\//);
      else expect(entry).toMatchObject({ packageName: `@facegate/adapter-${entry.id}`, specifier: entry.packageName });
    }
    expect(ADAPTER_PROVIDER_IDS).not.toContain('scenario');
  });

  it('names every id in the FACEGATE_PROVIDER description', () => {
    for (const id of PROVIDER_IDS) expect(FACEGATE_ENV_VARS.FACEGATE_PROVIDER).toContain(id);
  });

  it("lists the scenario provider's variables as its factory declares them", () => {
    const scenario = PROVIDER_TABLE.find((entry) => entry.id === 'scenario');
    expect(scenario?.envVars).toEqual(scenarioProviderFactory.envVars.map((v) => v.name));
  });
});

describe('providerLoaders', () => {
  it('imports a row only when its loader runs, and takes the factory export', async () => {
    const imported: string[] = [];
    const loaders = providerLoaders(async (specifier) => {
      imported.push(specifier);
      return { awsProviderFactory: { ...scenarioProviderFactory, id: 'aws' } };
    });
    expect(Object.keys(loaders)).toEqual([...ADAPTER_PROVIDER_IDS]);
    expect(imported).toEqual([]);
    const factory = await loaders.aws?.();
    expect(imported).toEqual(['@facegate/adapter-aws']);
    expect(factory?.id).toBe('aws');
  });

  it('fails clearly when the module lacks the factory export', async () => {
    const loaders = providerLoaders(async () => ({}), ['facia']);
    expect(Object.keys(loaders)).toEqual(['facia']);
    await expect(loaders.facia?.()).rejects.toThrow('@facegate/adapter-facia exports no faciaProviderFactory');
  });
});
