import { readFileSync } from 'node:fs';
import { SCENARIO_MODES, type ScenarioMode } from '@facegate/core/scenario';
import { runQuickstart, scenarioFacegate } from './run-quickstart';

// Runs the signup checks on the scenario provider (no camera, no cloud account)
// for a few behaviours, including a second signup of the same person.
const photo = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/faces/${name}`, import.meta.url)));
const images = {
  selfieFrames: ['obama-1.jpg', 'obama-2.jpg', 'obama-4.jpg'].map(photo),
  documentPhoto: photo('obama-3.jpg'),
};

const requested = process.argv[2] as ScenarioMode | undefined;
const modes: ScenarioMode[] =
  requested && SCENARIO_MODES.includes(requested) ? [requested] : ['happy', 'spoof', 'low_light', 'mismatch'];

for (const mode of modes) {
  const facegate = scenarioFacegate(mode);
  console.log(`\n== scenario: ${mode}`);
  for (const [i, attempt] of ['first signup', 'same person again'].entries()) {
    const steps = await runQuickstart(facegate, images, `user-${i + 1}`);
    console.log(`  ${attempt}:`);
    for (const s of steps) console.log(`    ${s.step.padEnd(11)} ${s.outcome.padEnd(7)} ${s.detail}`);
    if (mode !== 'happy') break;
  }
}
