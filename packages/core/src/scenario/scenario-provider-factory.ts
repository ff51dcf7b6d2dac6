import { z } from 'zod';
import type { EnvSource } from '../adapter-kit/settings';
import { FacegateError } from '../errors/facegate-error';
import { CAPABILITIES } from '../spec/capabilities';
import type { ProviderFactory } from '../spec/provider-factory';
import { createScenarioProvider, SCENARIO_MODES, type ScenarioProviderOptions } from './scenario-provider';

const envSchema = z.object({
  FACEGATE_SCENARIO: z.enum(SCENARIO_MODES).optional(),
  FACEGATE_SCENARIO_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
});

/** Registry factory for the scenario provider (`FACEGATE_PROVIDER=scenario`). */
export const scenarioProviderFactory: ProviderFactory<ScenarioProviderOptions> = {
  id: 'scenario',
  displayName: 'Scenario (deterministic, for tests and demos)',
  capabilities: CAPABILITIES,
  envVars: [
    {
      name: 'FACEGATE_SCENARIO',
      required: false,
      secret: false,
      description: `Behaviour: ${SCENARIO_MODES.join(' | ')} (default happy)`,
    },
    {
      name: 'FACEGATE_SCENARIO_LATENCY_MS',
      required: false,
      secret: false,
      description: 'Simulated latency per call in ms (default 0)',
    },
  ],
  create(options, env: EnvSource) {
    const parsed = envSchema.safeParse({
      FACEGATE_SCENARIO: env.FACEGATE_SCENARIO || undefined,
      FACEGATE_SCENARIO_LATENCY_MS: env.FACEGATE_SCENARIO_LATENCY_MS || undefined,
    });
    if (!parsed.success) {
      throw new FacegateError({
        code: 'configuration_error',
        message: `Invalid scenario settings (${parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`).join('; ')})`,
        provider: 'scenario',
      });
    }
    return createScenarioProvider({
      mode: parsed.data.FACEGATE_SCENARIO,
      latencyMs: parsed.data.FACEGATE_SCENARIO_LATENCY_MS,
      ...options,
    });
  },
};
