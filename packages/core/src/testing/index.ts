/**
 * Test and demo helpers: the deterministic scenario provider and a recording
 * logger. No test-runner dependency; the conformance kit lives in
 * `@facegate/core/conformance`.
 * @module
 */
export { createRecordingLogger, type LogLine, type RecordingLogger } from './recording-logger';
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
