/**
 * `@facegate/core/scenario`: the deterministic scenario provider for demos
 * and app tests (`FACEGATE_PROVIDER=scenario`) — scripted answers in real
 * vendor-like wire shapes, no network, no test-runner dependency.
 *
 * ```ts
 * import { createFacegate } from '@facegate/core';
 * import { createScenarioProvider } from '@facegate/core/scenario';
 * const facegate = createFacegate({ provider: createScenarioProvider({ mode: 'spoof' }) });
 * ```
 * @module
 */
export {
  createScenarioProvider,
  SCENARIO_MODES,
  type ScenarioMode,
  type ScenarioProvider,
  type ScenarioProviderOptions,
  type ScenarioScript,
} from './scenario-provider';
export { scenarioProviderFactory } from './scenario-provider-factory';
export { SCENARIO_ERRORS, type ScenarioErrorName, type ScenarioOperation, type ScenarioStep } from './scenario-wire';
