import { createChallenge, createFacegate, describeReason, type Facegate } from '@facegate/core';
import { createScenarioProvider, type ScenarioMode } from '@facegate/core/scenario';

/** Images the quickstart runs on. */
export interface QuickstartImages {
  selfieFrames: Uint8Array[];
  documentPhoto: Uint8Array;
}

/** One line of the quickstart's report. */
export interface QuickstartStep {
  step: 'liveness' | 'face match' | 'uniqueness' | 'register';
  outcome: string;
  detail: string;
}

const explain = (reasons: readonly Parameters<typeof describeReason>[0][]) =>
  reasons.map(describeReason).join(' ') || 'ok';

/**
 * The signup checks in order, stopping at the first that does not pass:
 * liveness on frames answering a challenge, the live face against the
 * document photo, then a 1:N search for a duplicate before registering.
 */
export async function runQuickstart(
  facegate: Facegate,
  images: QuickstartImages,
  userId: string,
): Promise<QuickstartStep[]> {
  const steps: QuickstartStep[] = [];
  const challenge = createChallenge();
  const frames = images.selfieFrames.map((image, i) => ({ image, capturedAtMs: i * 400 }));
  const liveness = await facegate.checkLiveness({ media: { kind: 'frames', frames }, challenge });
  steps.push({
    step: 'liveness',
    outcome: liveness.decision.outcome,
    detail: `confidence ${liveness.confidence ?? 'n/a'}; ${explain(liveness.decision.reasons)}`,
  });
  if (liveness.decision.outcome !== 'pass' || !liveness.referenceImage?.data) return steps;

  const match = await facegate.compareFaces({ source: liveness.referenceImage.data, target: images.documentPhoto });
  steps.push({
    step: 'face match',
    outcome: match.decision.outcome,
    detail: `similarity ${match.similarity ?? 'n/a'}; ${explain(match.decision.reasons)}`,
  });
  if (match.decision.outcome !== 'pass') return steps;

  await facegate.ensureCollection({ collection: 'quickstart-users' });
  const search = await facegate.searchFaces({ collection: 'quickstart-users', image: liveness.referenceImage.data });
  steps.push({ step: 'uniqueness', outcome: search.decision.outcome, detail: explain(search.decision.reasons) });
  if (search.decision.outcome !== 'pass') return steps;

  await facegate.indexFace({ collection: 'quickstart-users', externalId: userId, image: liveness.referenceImage.data });
  steps.push({ step: 'register', outcome: 'pass', detail: `registered ${userId}` });
  return steps;
}

/** A client on the scenario provider in the given mode. */
export function scenarioFacegate(mode: ScenarioMode = 'happy'): Facegate {
  return createFacegate({ provider: createScenarioProvider({ mode }) });
}
