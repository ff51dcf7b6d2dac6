// Liveness checks per second through the signup server on the offline engine,
// with /api/health polled in the same run: the engine's worker pool must keep
// the server's event loop free while checks run.
import { Agent, request as httpRequest } from 'node:http';
import sharp from 'sharp';
import { readFixture } from '../fixtures';
import { type Summary, summarize } from '../stats/summary';
import type { ServerProcess } from './signup-load';

/** What the liveness load measured. */
export interface LivenessLoadResult {
  users: number;
  durationS: number;
  framesPerCheck: number;
  /** Liveness checks answered 200 (any verdict) per second. */
  checksPerSecond: number;
  checks: number;
  /** Answers by status (+ error code), e.g. `{ "200": 40, "503 provider_unavailable": 2 }`. */
  answers: Record<string, number>;
  checkLatency: Summary;
  health: Summary;
  healthFailures: number;
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read by field, loosely
  body: any;
}

function call(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<Reply> {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method,
        agent,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.byteLength } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString());
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** `users` clients each doing start → challenge → frames in a loop; one more polls /api/health every 50 ms. */
export async function runLivenessLoad(
  server: ServerProcess,
  options: { users: number; durationS: number; framesPerCheck: number },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LivenessLoadResult> {
  const shift = (dx: number) =>
    sharp(readFixture('faces/harington-1.jpg'))
      .resize({ width: 640, height: 480, fit: 'cover', position: 'top' })
      .extend({ left: 8 + dx, right: 8 - dx, top: 0, bottom: 0, background: '#808080' })
      .resize({ width: 640, height: 480 })
      .jpeg({ quality: 85 })
      .toBuffer();
  const frames = await Promise.all(Array.from({ length: options.framesPerCheck }, (_, i) => shift(i % 5)));
  const frameB64 = frames.map((f) => f.toString('base64'));
  const agent = new Agent({ keepAlive: true, maxSockets: options.users + 1 });
  const answers: Record<string, number> = {};
  const latencies: number[] = [];
  const health: number[] = [];
  let healthFailures = 0;
  const t0 = performance.now();
  const deadline = t0 + options.durationS * 1000;
  const ticker = setInterval(
    () => onProgress(Math.min(options.durationS, (performance.now() - t0) / 1000), options.durationS),
    250,
  );
  const user = async () => {
    while (performance.now() < deadline) {
      const start = await call(agent, server.port, 'POST', '/api/signup/sessions', { auth: 'bearer' });
      if (start.status !== 201) {
        answers[`start ${start.status}`] = (answers[`start ${start.status}`] ?? 0) + 1;
        continue;
      }
      const token = start.body.token as string;
      const challenge = await call(agent, server.port, 'POST', '/api/signup/liveness/challenge', {}, token);
      if (challenge.status !== 200) {
        answers[`challenge ${challenge.status}`] = (answers[`challenge ${challenge.status}`] ?? 0) + 1;
        continue;
      }
      const body = {
        nonce: challenge.body.challenge.nonce,
        // Sent at once, so the stamps fit the server's clock check: 200 ms in all, within its grace.
        frames: frameB64.map((image, i) => ({
          image,
          capturedAtMs: Math.round((i * 200) / Math.max(1, frameB64.length - 1)),
        })),
      };
      const c0 = performance.now();
      const reply = await call(agent, server.port, 'POST', '/api/signup/liveness/frames', body, token);
      const key = reply.status === 200 ? '200' : `${reply.status} ${reply.body?.error?.code ?? ''}`.trim();
      answers[key] = (answers[key] ?? 0) + 1;
      if (reply.status === 200) latencies.push(performance.now() - c0);
    }
  };
  const poll = async () => {
    while (performance.now() < deadline) {
      const h0 = performance.now();
      const r = await call(agent, server.port, 'GET', '/api/health').catch(() => ({ status: 0, body: null }));
      health.push(performance.now() - h0);
      if (r.status !== 200) healthFailures += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await Promise.all([...Array.from({ length: options.users }, user), poll()]);
  clearInterval(ticker);
  agent.destroy();
  const elapsed = (performance.now() - t0) / 1000;
  return {
    users: options.users,
    durationS: elapsed,
    framesPerCheck: options.framesPerCheck,
    checks: latencies.length,
    checksPerSecond: latencies.length / elapsed,
    answers,
    checkLatency: summarize(latencies),
    health: summarize(health),
    healthFailures,
  };
}
