// The attack half of `pnpm eval --sections video`: every bona fide window is
// first judged as the signup page would send it (the server's kind of
// challenge: its prompt times, a random colour sequence, the face lit by it in
// simulation), then attacked against a NEW challenge with the same steps and
// prompt times (the attacker's best case) and new colours, by each species.
import {
  type Challenge,
  createLightSequence,
  type Facegate,
  LIGHT_RGB,
  type LightSequence,
  lightAt,
} from '@facegate/core';
import sharp from 'sharp';
import {
  type ClipWindow,
  type CutFrame,
  cutWindow,
  PAGE_CAPTURE,
  promptTimes,
} from '../../../../test-support/clip-windows';
import {
  litByScreen,
  type RawCodec,
  type RawRgb,
  type RelativeBox,
  relightFrames,
  throughScreenGlass,
} from '../../../../test-support/screen-light';
import { pageJpeg, windowChallenge } from './video-eval';

/** Attack species of the video section. */
export const VIDEO_ATTACK_SPECIES = [
  'replay into a new challenge',
  'screen recapture',
  'print',
  'photo set',
  'software warp + painted blink',
] as const;

/** One judged presentation (bona fide or attack). */
export interface VideoPresentation {
  window: string;
  kind: 'bona_fide' | 'attack';
  species: string;
  outcome: string;
  reasons: string[];
  /** The engine's light measurement, when there was one. */
  light: string;
}

const codec: RawCodec = {
  async decode(image) {
    const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(data), width: info.width, height: info.height };
  },
  encode: async (raw) =>
    new Uint8Array(
      await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
        .jpeg({ quality: PAGE_CAPTURE.jpegQuality })
        .toBuffer(),
    ),
};

/** A seeded random source (every run draws the same attacks; the colours still differ per challenge). */
function seeded(seed: number): (max: number) => number {
  let s = seed;
  return (max) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % max;
  };
}

const colourOf = (light: LightSequence) => (atMs: number) => {
  const c = lightAt(light, atMs);
  return c ? LIGHT_RGB[c] : null;
};

/** A bound challenge for the window: its own prompt times (when this person was asked) and a colour sequence. */
function boundChallenge(w: ClipWindow, random: (max: number) => number): Challenge {
  const base = windowChallenge(w);
  const endMs = Math.round((w.end - w.start) * 1000);
  return {
    ...base,
    schedule: { promptsAtMs: promptTimes(w).map((s) => Math.round(s * 1000)), endMs },
    light: createLightSequence(endMs, random),
  };
}

async function judge(
  client: Facegate,
  frames: CutFrame[],
  challenge: Challenge,
): Promise<{ outcome: string; reasons: string[]; light: string; stepsAtMs: (number | null)[] }> {
  try {
    const r = await client.checkLiveness({ media: { kind: 'frames', frames }, challenge });
    const light = (r.raw as { body?: { light?: unknown } } | undefined)?.body?.light;
    return {
      outcome: r.decision.outcome,
      reasons: r.decision.reasons,
      light: light ? JSON.stringify(light) : '',
      stepsAtMs: r.challenge?.steps.map((s) => s.atMs) ?? [],
    };
  } catch (error) {
    return {
      outcome: `error:${(error as { code?: string }).code ?? 'unknown'}`,
      reasons: [],
      light: '',
      stepsAtMs: [],
    };
  }
}

/** Paper: less contrast, a little less colour, a fixed grain (the print's own), fresh camera noise per shot. */
function asPrint(raw: RawRgb, shot: number): RawRgb {
  const grain = seeded(7);
  const noise = seeded(1000 + shot);
  const data = new Uint8Array(raw.data.length);
  for (let i = 0; i < raw.data.length; i += 3) {
    const grey = ((raw.data[i] ?? 0) + (raw.data[i + 1] ?? 0) + (raw.data[i + 2] ?? 0)) / 3;
    const g = grain(9) - 4;
    for (let c = 0; c < 3; c++) {
      const v = 0.8 * (raw.data[i + c] ?? 0) + 0.2 * grey;
      data[i + c] = Math.max(0, Math.min(255, Math.round(30 + 0.8 * v + g + noise(5) - 2)));
    }
  }
  return { ...raw, data };
}

/** A picture held by hand: a small rotation, shift and scale that change from frame to frame. */
function handHeld(raw: RawRgb, i: number): RawRgb {
  const { width: w, height: h } = raw;
  const angle = (1.5 * Math.PI * Math.sin(i * 0.7)) / 180;
  const scale = 1 + 0.02 * Math.sin(i * 0.3);
  const dx = 3 * Math.sin(i * 0.4);
  const dy = 2 * Math.cos(i * 0.5);
  const cos = Math.cos(angle) / scale;
  const sin = Math.sin(angle) / scale;
  const data = new Uint8Array(raw.data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const u = x - w / 2 - dx;
      const v = y - h / 2 - dy;
      const sx = Math.round(cos * u + sin * v + w / 2);
      const sy = Math.round(-sin * u + cos * v + h / 2);
      const o = (y * w + x) * 3;
      const s = (Math.min(h - 1, Math.max(0, sy)) * w + Math.min(w - 1, Math.max(0, sx))) * 3;
      data[o] = raw.data[s] ?? 0;
      data[o + 1] = raw.data[s + 1] ?? 0;
      data[o + 2] = raw.data[s + 2] ?? 0;
    }
  return { ...raw, data };
}

/** A software head turn of one photo: the face box mapped onto a cylinder turned by `degrees`. */
function cylinderTurn(raw: RawRgb, box: RelativeBox, degrees: number): RawRgb {
  const { width: w, height: h } = raw;
  const cx = (box.left + box.width / 2) * w;
  const r = box.width * w * 0.6;
  const y0 = box.top * h - 0.1 * box.height * h;
  const y1 = (box.top + box.height) * h + 0.1 * box.height * h;
  const turn = (degrees * Math.PI) / 180;
  const data = new Uint8Array(raw.data);
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(h, Math.ceil(y1)); y++)
    for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(w, Math.ceil(cx + r)); x++) {
      const a = Math.asin(Math.max(-1, Math.min(1, (x - cx) / r))) - turn;
      if (Math.abs(a) > Math.PI / 2) continue;
      const sx = Math.round(cx + r * Math.sin(a));
      if (sx < 0 || sx >= w) continue;
      const o = (y * w + x) * 3;
      const s = (y * w + sx) * 3;
      data[o] = raw.data[s] ?? 0;
      data[o + 1] = raw.data[s + 1] ?? 0;
      data[o + 2] = raw.data[s + 2] ?? 0;
    }
  return { ...raw, data };
}

/** Eyes painted shut: each eye region (where a detector box puts it) filled with the skin just below it. */
function paintedShut(raw: RawRgb, box: RelativeBox): RawRgb {
  const { width: w, height: h } = raw;
  const data = new Uint8Array(raw.data);
  for (const ex of [0.3, 0.7]) {
    const x0 = Math.round((box.left + (ex - 0.12) * box.width) * w);
    const x1 = Math.round((box.left + (ex + 0.12) * box.width) * w);
    const y0 = Math.round((box.top + 0.3 * box.height) * h);
    const y1 = Math.round((box.top + 0.42 * box.height) * h);
    const skinRow = Math.min(h - 1, y1 + Math.round(0.08 * box.height * h));
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(w, x1); x++) {
        const o = (y * w + x) * 3;
        const s = (skinRow * w + x) * 3;
        // A darker line where the lids meet, skin above and below it.
        const lid = Math.abs(y - (y0 + y1) / 2) < 1.5 ? 0.6 : 1;
        for (let c = 0; c < 3; c++) data[o + c] = Math.round((raw.data[s + c] ?? 0) * lid);
      }
  }
  return { ...raw, data };
}

/** Frames made from pictures: `pictureAt(i, atMs)` gives the raw picture for the i-th capture time. */
async function fromPictures(times: number[], pictureAt: (i: number, atMs: number) => RawRgb): Promise<CutFrame[]> {
  const out: CutFrame[] = [];
  for (const [i, atMs] of times.entries())
    out.push({ image: await codec.encode(pictureAt(i, atMs)), capturedAtMs: atMs });
  return out;
}

/** Judge the window as the page sends it (bona fide), then every attack species against a new challenge. */
export async function attackWindow(client: Facegate, w: ClipWindow, seed: number): Promise<VideoPresentation[]> {
  const random = seeded(seed);
  const frames = await cutWindow(w, PAGE_CAPTURE, pageJpeg);
  const first = frames[0];
  if (!first) return [];
  const box = (await client.analyzeQuality({ image: first.image })).faces[0]?.box;
  if (!box) return [];
  const strength = 0.1 + random(16) / 100;
  const light = (shown: LightSequence, f: CutFrame[]) =>
    relightFrames(f, colourOf(shown), (raw, rgb) => litByScreen(raw, rgb, box, strength), codec);
  const out: VideoPresentation[] = [];
  const record = (kind: VideoPresentation['kind'], species: string, r: Awaited<ReturnType<typeof judge>>) =>
    out.push({ window: w.id, kind, species, outcome: r.outcome, reasons: r.reasons, light: r.light });

  const a = boundChallenge(w, random);
  const lit = await light(a.light as LightSequence, frames);
  const bona = await judge(client, lit, a);
  record('bona_fide', 'page + colours (simulated light)', bona);

  const b = boundChallenge(w, random);
  const newLight = b.light as LightSequence;
  const times = frames.map((f) => f.capturedAtMs);
  const raws = await Promise.all(frames.map((f) => codec.decode(f.image)));
  const pick = (atMs: number | null | undefined) => {
    let best = 0;
    for (const [i, t] of times.entries())
      if (Math.abs(t - (atMs ?? 0)) < Math.abs((times[best] ?? 0) - (atMs ?? 0))) best = i;
    return best;
  };
  const litRaw = (raw: RawRgb, atMs: number) => {
    const rgb = colourOf(newLight)(atMs - 100);
    return rgb ? litByScreen(raw, rgb, box, strength) : raw;
  };

  // 1. The frames that passed, sent again for the new challenge.
  record('attack', 'replay into a new challenge', await judge(client, lit, b));
  // 2. That recording played on a monitor and filmed; the monitor's glass reflects the new challenge's colours.
  const reflection = 0.01 + random(5) / 100;
  const recaptured = await relightFrames(
    lit,
    colourOf(newLight),
    (raw, rgb) => throughScreenGlass(raw, rgb, reflection),
    codec,
  );
  record('attack', 'screen recapture', await judge(client, recaptured, b));
  // 3. A print of the reference frame, held by hand close to the screen (lit by it like a face).
  const reference = raws[pick(bona.stepsAtMs[0])] as RawRgb;
  const print = asPrint(reference, 0);
  record(
    'attack',
    'print',
    await judge(client, await fromPictures(times, (i, t) => litRaw(handHeld(asPrint(print, i), i), t)), b),
  );
  // 4. Prints of the frames that answered each step (the frontal one, the closed eyes or the turn), shown in turn.
  const stepFrames = bona.stepsAtMs.map((t) => pick(t));
  const photoAt = (t: number) => {
    let k = 0;
    for (const [s, idx] of stepFrames.entries()) if ((times[idx] ?? 0) <= t + 1) k = s;
    // After a step's frame, back to the frontal print (eyes open again).
    const idx = stepFrames[k] ?? 0;
    return t > (times[idx] ?? 0) + 200 ? (stepFrames[0] ?? 0) : idx;
  };
  record(
    'attack',
    'photo set',
    await judge(
      client,
      await fromPictures(times, (i, t) => litRaw(handHeld(asPrint(raws[photoAt(t)] as RawRgb, i), i), t)),
      b,
    ),
  );
  // 5. One photo animated in software: turned on a cylinder, eyes painted shut, lit with the new colours,
  //    stamped to the new schedule.
  const promptsAt = b.schedule?.promptsAtMs ?? [0];
  const warpAt = (t: number): RawRgb => {
    let step = 0;
    for (const [i, p] of promptsAt.entries()) if (t >= p) step = i;
    const action = b.steps[step];
    const since = t - (promptsAt[step] ?? 0);
    if (action === 'turn_left' || action === 'turn_right') {
      const degrees = Math.min(35, since / 20) * (action === 'turn_left' ? -1 : 1);
      return cylinderTurn(reference, box, degrees);
    }
    if (action === 'blink' && since > 400 && since < 560) return paintedShut(reference, box);
    return reference;
  };
  record(
    'attack',
    'software warp + painted blink',
    await judge(client, await fromPictures(times, (_, t) => litRaw(warpAt(t), t)), b),
  );
  return out;
}
