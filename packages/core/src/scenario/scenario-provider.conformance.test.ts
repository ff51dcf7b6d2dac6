import { readFixture } from '../../../../test-support/fixtures';
import { createChallenge } from '../challenge/challenge';
import { CAPABILITIES } from '../spec/capabilities';
import { runConformance } from '../testing/run-conformance';
import type { ConformanceOperation, MockOutcome, VendorMock } from '../testing/vendor-mock';
import { createScenarioProvider, type ScenarioProvider } from './scenario-provider';
import type { ScenarioOperation, ScenarioStep } from './scenario-wire';

// One provider instance per test run: the mock scripts it, the kit builds clients around it.
let provider: ScenarioProvider = createScenarioProvider();

const OPERATION: Record<ConformanceOperation, ScenarioOperation> = {
  'liveness.session.create': 'liveness.session.create',
  'liveness.session.result': 'liveness.session.result',
  'liveness.image': 'liveness.media',
  'liveness.video': 'liveness.media',
  'liveness.frames': 'liveness.media',
  match: 'match',
  'search.index': 'search.index',
  'search.search': 'search.search',
  'search.remove': 'search.remove',
  quality: 'quality',
};

function toStep(op: ConformanceOperation, outcome: MockOutcome): ScenarioStep {
  switch (outcome.type) {
    case 'success':
      if (op.startsWith('liveness') && op !== 'liveness.session.create')
        return { type: 'liveness', verdict: outcome.verdict ?? 'live', confidence: outcome.score ?? 0.97 };
      if (op === 'match') return { type: 'match', similarity: outcome.score ?? 0.97 };
      if (op === 'search.search') return { type: 'search', similarity: outcome.score ?? 0.97 };
      return { type: 'ok' };
    case 'documented_error':
      return { type: 'vendor_error', name: outcome.name as Extract<ScenarioStep, { type: 'vendor_error' }>['name'] };
    default:
      return outcome;
  }
}

const vendorMock: VendorMock = {
  livenessScoring: 'score_and_label',
  documentedErrors: [
    { name: 'InvalidImage', expected: { code: 'invalid_input', retryable: false } },
    { name: 'Unauthorized', expected: { code: 'auth_failed', retryable: false } },
    { name: 'Forbidden', expected: { code: 'permission_denied', retryable: false } },
    { name: 'QuotaExceeded', expected: { code: 'quota_exceeded', retryable: false } },
    {
      name: 'SessionNotFound',
      expected: { code: 'session_not_found', retryable: false },
      operations: ['liveness.session.result'],
    },
    {
      name: 'SessionExpired',
      expected: { code: 'session_expired', retryable: false },
      operations: ['liveness.session.result'],
    },
    {
      name: 'CollectionNotFound',
      expected: { code: 'resource_not_found', retryable: false },
      operations: ['search.search', 'search.remove'],
    },
    { name: 'Throttled', expected: { code: 'rate_limited', retryable: true } },
    { name: 'InternalError', expected: { code: 'provider_error', retryable: true } },
    { name: 'ServiceUnavailable', expected: { code: 'provider_unavailable', retryable: true } },
  ],
  reset() {
    provider = createScenarioProvider();
  },
  arrange(op, ...outcomes) {
    provider.script.arrange(OPERATION[op], ...outcomes.map((o) => toStep(op, o)));
  },
  calls() {
    return provider.script.calls();
  },
};

const challenge = createChallenge();
const frame = readFixture('media/face-small.webp');

runConformance({
  adapter: () => provider,
  vendorMock,
  capabilities: CAPABILITIES,
  fixtures: {
    faceImage: readFixture('faces/obama-1.jpg'),
    otherFaceImage: readFixture('faces/biden-1.jpg'),
    video: readFixture('media/clip-2s.mp4'),
    frames: [0, 400, 800, 1200].map((capturedAtMs) => ({ image: frame, capturedAtMs })),
    challenge,
  },
});
