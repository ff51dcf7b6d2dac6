// Signup server under load: virtual users each doing full signups (start,
// challenge, frames, document, match, uniqueness, register) with unique faces,
// against the server in its own process on a real loopback port.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { readFixture } from '../fixtures';
import { type Summary, summarize } from '../stats/summary';

export const SIGNUP_STEPS = ['start', 'challenge', 'frames', 'document', 'match', 'uniqueness', 'register'] as const;
export type SignupStep = (typeof SIGNUP_STEPS)[number];

const here = dirname(fileURLToPath(import.meta.url));

/** A signup server child process. */
export interface ServerProcess {
  port: number;
  pid: number;
  child: ChildProcess;
  /** Current and peak resident set size of the server process, in MB (Linux /proc). */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** Start the server child (vite-node over the workspace sources); `nodeArgs` e.g. `--cpu-prof`. */
export async function startServerProcess(
  nodeArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const require = createRequire(import.meta.url);
  const viteNode = join(dirname(require.resolve('vite-node/package.json')), 'vite-node.mjs');
  const config = join(here, '../../vite-node.config.ts');
  const child = spawn(process.execPath, [...nodeArgs, viteNode, '--config', config, join(here, 'server-process.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('signup server did not start within 60 s')), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`signup server exited with ${code} before it was ready`));
    });
  });
  const pid = child.pid as number;
  return {
    port,
    pid,
    child,
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read by field, loosely
  body: any;
}

/** A tiny JSON client over one keep-alive agent. */
function client(port: number, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return {
    agent,
    post(path: string, body: unknown, token?: string): Promise<Reply> {
      const payload = Buffer.from(JSON.stringify(body ?? {}));
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: `/api/signup${path}`,
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              'content-length': payload.byteLength,
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              let parsed: unknown = text;
              try {
                parsed = JSON.parse(text);
              } catch {
                // not JSON
              }
              resolve({ status: res.statusCode ?? 0, body: parsed });
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

let counter = 0;
/** A JPEG made byte-unique by a comment segment (as the server's test harness does): a new person to the scenario provider. */
export function uniqueJpeg(jpeg: Uint8Array): Buffer {
  const text = Buffer.from(`facegate-bench ${process.pid}-${counter++}-${randomUUID()}`);
  const segment = Buffer.alloc(4 + text.length);
  segment.set([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]);
  text.copy(segment, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** What the load run measured. */
export interface LoadResult {
  users: number;
  durationS: number;
  steps: number;
  stepsPerSecond: number;
  signupsCompleted: number;
  signupsPerSecond: number;
  failures: Record<string, number>;
  latency: Summary;
  perStep: Record<SignupStep, Summary>;
  frameBytes: number;
  documentBytes: number;
  serverCpuPercent: number;
  serverPeakMb: number;
}

/** Camera-like 640×480 frames and a document photo. */
async function media(): Promise<{ frame: Uint8Array; document: Uint8Array }> {
  const frame = new Uint8Array(
    await sharp(readFixture('faces/obama-1.jpg'))
      .resize({ width: 640, height: 480, fit: 'cover', position: 'top' })
      .jpeg({ quality: 85 })
      .toBuffer(),
  );
  return { frame, document: readFixture('faces/obama-2.jpg') };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11, 12 after the command); clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Run `users` virtual users doing full signups for `durationS` seconds. */
export async function runSignupLoad(
  server: ServerProcess,
  options: { users: number; durationS: number; framesPerAttempt: number },
  onProgress: (done: number, total: number) => void = () => {},
): Promise<LoadResult> {
  const { frame, document } = await media();
  const http = client(server.port, options.users);
  const perStep = Object.fromEntries(SIGNUP_STEPS.map((s) => [s, [] as number[]])) as Record<SignupStep, number[]>;
  const failures: Record<string, number> = {};
  let steps = 0;
  let completed = 0;
  /** Count a failed step; the signup ends there. */
  const fail = (step: string, reply: Reply): false => {
    const key = `${step}: ${reply.status} ${reply.body?.error?.code ?? reply.body?.outcome ?? ''}`.trim();
    failures[key] = (failures[key] ?? 0) + 1;
    return false;
  };
  const timedPost = async (step: SignupStep, path: string, body: unknown, token?: string): Promise<Reply> => {
    const t0 = performance.now();
    const reply = await http.post(path, body, token);
    perStep[step].push(performance.now() - t0);
    steps += 1;
    return reply;
  };
  const ok = (r: Reply) => r.status < 300 && (r.body?.outcome === undefined || r.body.outcome === 'pass');

  async function signup(): Promise<boolean> {
    const start = await timedPost('start', '/sessions', { auth: 'bearer' });
    if (start.status !== 201) return fail('start', start);
    const token = start.body.token as string;
    const challenge = await timedPost('challenge', '/liveness/challenge', {}, token);
    if (challenge.status !== 200) return fail('challenge', challenge);
    const selfie = uniqueJpeg(frame).toString('base64');
    // Sent at once, so the stamps fit the server's clock check: 200 ms in all (three prompts), within its grace.
    const frames = Array.from({ length: options.framesPerAttempt }, (_, i) => ({
      image: selfie,
      capturedAtMs: Math.round((i * 200) / Math.max(1, options.framesPerAttempt - 1)),
    }));
    const live = await timedPost(
      'frames',
      '/liveness/frames',
      { nonce: challenge.body.challenge.nonce, frames },
      token,
    );
    if (!ok(live)) return fail('frames', live);
    const doc = await timedPost(
      'document',
      '/document',
      { image: Buffer.from(document).toString('base64'), filename: 'id.jpg' },
      token,
    );
    if (!ok(doc)) return fail('document', doc);
    for (const [step, path] of [
      ['match', '/match'],
      ['uniqueness', '/uniqueness'],
    ] as const) {
      const r = await timedPost(step, path, {}, token);
      if (!ok(r)) return fail(step, r);
    }
    const reg = await timedPost(
      'register',
      '/register',
      { fullName: 'Bench User', email: `bench-${randomUUID()}@example.org` },
      token,
    );
    if (!ok(reg)) return fail('register', reg);
    return true;
  }

  const cpu0 = cpuSeconds(server.pid);
  const t0 = performance.now();
  const deadline = t0 + options.durationS * 1000;
  const ticker = setInterval(
    () => onProgress(Math.min(options.durationS, (performance.now() - t0) / 1000), options.durationS),
    250,
  );
  await Promise.all(
    Array.from({ length: options.users }, async () => {
      while (performance.now() < deadline) if (await signup()) completed += 1;
    }),
  );
  clearInterval(ticker);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  http.agent.destroy();
  const all = SIGNUP_STEPS.flatMap((s) => perStep[s]);
  return {
    users: options.users,
    durationS: elapsed,
    steps,
    stepsPerSecond: steps / elapsed,
    signupsCompleted: completed,
    signupsPerSecond: completed / elapsed,
    failures,
    latency: summarize(all),
    perStep: Object.fromEntries(SIGNUP_STEPS.map((s) => [s, summarize(perStep[s])])) as Record<SignupStep, Summary>,
    frameBytes: frame.byteLength,
    documentBytes: document.byteLength,
    serverCpuPercent: (cpu / elapsed) * 100,
    serverPeakMb: server.memory().peakMb,
  };
}

/** What the upload-memory run measured. */
export interface UploadMemoryResult {
  sessions: number;
  documentBytes: number;
  idleMb: number;
  beforeUploadsMb: number;
  peakMb: number;
  afterMb: number;
  uploadSeconds: number;
  statuses: Record<string, number>;
}

/** A document photo of about `targetBytes` (JPEG, a face on it). */
export async function largeDocument(targetBytes: number): Promise<Uint8Array> {
  let width = 2400;
  for (;;) {
    const bytes = await sharp(readFixture('faces/obama-1080p.jpg'))
      .resize({ width })
      .jpeg({ quality: 95, chromaSubsampling: '4:4:4' })
      .toBuffer();
    if (bytes.byteLength >= targetBytes || width > 6000) return new Uint8Array(bytes);
    width = Math.round(width * Math.sqrt(targetBytes / bytes.byteLength) * 1.02);
  }
}

/**
 * RSS of the server while `sessions` signups upload a ~2 MB document at the
 * same moment (each session is first taken through liveness).
 */
export async function runUploadMemory(
  server: ServerProcess,
  options: { sessions: number; documentBytes: number },
): Promise<UploadMemoryResult> {
  const { frame } = await media();
  const document = Buffer.from(await largeDocument(options.documentBytes)).toString('base64');
  const http = client(server.port, options.sessions);
  const idleMb = server.memory().rssMb;
  const tokens: string[] = [];
  // Bring every session to the document step, 10 at a time.
  for (let i = 0; i < options.sessions; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, options.sessions - i) }, async () => {
        const start = await http.post('/sessions', { auth: 'bearer' });
        const token = start.body.token as string;
        const challenge = await http.post('/liveness/challenge', {}, token);
        await http.post(
          '/liveness/frames',
          {
            nonce: challenge.body.challenge.nonce,
            frames: [{ image: uniqueJpeg(frame).toString('base64'), capturedAtMs: 0 }],
          },
          token,
        );
        tokens.push(token);
      }),
    );
  }
  const beforeUploadsMb = server.memory().rssMb;
  let peakMb = beforeUploadsMb;
  const sampler = setInterval(() => {
    peakMb = Math.max(peakMb, server.memory().rssMb);
  }, 20);
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    tokens.map(async (token) => {
      const r = await http.post('/document', { image: document, filename: 'id.jpg' }, token);
      const key = `${r.status} ${r.body?.outcome ?? r.body?.error?.code ?? ''}`.trim();
      statuses[key] = (statuses[key] ?? 0) + 1;
    }),
  );
  const uploadSeconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakMb = Math.max(peakMb, server.memory().rssMb);
  http.agent.destroy();
  return {
    sessions: options.sessions,
    documentBytes: Math.round((document.length * 3) / 4),
    idleMb,
    beforeUploadsMb,
    peakMb,
    afterMb: server.memory().rssMb,
    uploadSeconds,
    statuses,
  };
}
