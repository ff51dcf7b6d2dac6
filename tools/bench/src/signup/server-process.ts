// The signup server on the scenario provider (latency 0) or the offline engine, an in-memory PGlite
// and a real port on loopback, in its own process so its RSS and CPU are its
// own. Prints `READY <port>` on stdout; stops on SIGTERM or when stdin closes.
import { createFacegate } from '@facegate/core';
import { createScenarioProvider } from '@facegate/core/scenario';
import { createTestServer } from '../../../../examples/signup-server/src/test-harness';

if (process.env.BENCH_RUNNER_BASELINE === '1') {
  // The same runner with nothing loaded: what vite-node itself costs in RSS.
  process.stdout.write('READY 0\n');
  process.stdin.on('end', () => process.exit(0));
  process.once('SIGTERM', () => process.exit(0));
  process.stdin.resume();
  await new Promise(() => {});
}

const long = '3600';
// BENCH_PROVIDER=local: the offline engine (its worker pool) verifies; search and documents stay on the scenario provider.
const local =
  process.env.BENCH_PROVIDER === 'local'
    ? createFacegate({
        provider: (await import('@facegate/adapter-local')).createLocalProvider(),
        resilience: { maxRetries: 0 },
      })
    : undefined;
if (local) await local.warmUp();
const server = await createTestServer({
  scenario: createScenarioProvider({ latencyMs: Number(process.env.SCENARIO_LATENCY_MS ?? 0) }),
  ...(local ? { verification: () => local } : {}),
  env: {
    ...Object.fromEntries(
      ['LIVENESS', 'DOCUMENT', 'MATCH', 'UNIQUENESS', 'REGISTER'].map((s) => [`SIGNUP_${s}_DEADLINE_S`, long]),
    ),
    SIGNUP_SESSION_TTL_S: long,
  },
});
const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
const port = new URL(address).port;
process.stdout.write(`READY ${port}\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  await server.db.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
