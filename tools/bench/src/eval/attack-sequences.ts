// Presentation attacks made from still photos, as frame sequences answering a
// server-style challenge. Each species is something an attacker holding only
// photos of the victim can do: replay the still, move/zoom it in front of the
// camera, splice two people, or show it on a screen (recapture look).
import type { Challenge } from '@facegate/core';
import sharp, { type Sharp } from 'sharp';

/** The attack species (PAI species in ISO/IEC 30107-3 terms) the harness generates. */
export const ATTACK_SPECIES = [
  'still-photo replay',
  'shifted/zoomed replay',
  'rotated print answering the turns',
  'rotated print, turn-only challenge',
  'identity switch mid-sequence',
  'recaptured screen (moiré, gamma, blur)',
  'photo-set replay (2 photos of the victim, turn-only challenge)',
  "photo-set replay (2 photos of the victim, the server's challenge with a blink)",
] as const;
export type AttackSpecies = (typeof ATTACK_SPECIES)[number];

/** A frame sequence to submit. */
export interface AttackSequence {
  species: AttackSpecies;
  source: string;
  /** The challenge the frames answer. */
  challenge: Challenge;
  frames: { image: Uint8Array; capturedAtMs: number }[];
}

const W = 640;
const H = 480;
/** Frames per sequence and spacing, like a phone capturing at ~7 fps for ~2 s. */
const FRAMES = 12;
const SPACING_MS = 150;

/** A 640×480 camera-like frame of a photo, zoomed by `zoom` and shifted by (dx, dy) pixels. */
async function cameraFrame(photo: Uint8Array, zoom = 1, dx = 0, dy = 0): Promise<Sharp> {
  const w = Math.round(W * zoom);
  const h = Math.round(H * zoom);
  const base = await sharp(photo).rotate().resize({ width: w, height: h, fit: 'cover', position: 'top' }).toBuffer();
  // Place on a grey canvas larger than the frame, then cut the frame out at the shift.
  const pad = Math.max(W, H);
  const canvas = await sharp({
    create: { width: w + 2 * pad, height: h + 2 * pad, channels: 3, background: '#7a7a7a' },
  })
    .composite([{ input: base, left: pad, top: pad }])
    .jpeg()
    .toBuffer();
  const left = Math.round(pad + (w - W) / 2 - dx);
  const top = Math.round(pad + (h - H) / 2 - dy);
  return sharp(canvas).extract({ left, top, width: W, height: H });
}

const jpeg = async (s: Sharp, quality = 85) => new Uint8Array(await s.jpeg({ quality }).toBuffer());
const times = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A moiré-like interference pattern (two slightly rotated line gratings) as a PNG overlay. */
async function moirePattern(): Promise<Buffer> {
  const data = Buffer.alloc(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const a = Math.sin((2 * Math.PI * (x * Math.cos(0.05) + y * Math.sin(0.05))) / 3.1);
      const b = Math.sin((2 * Math.PI * (x * Math.cos(-0.03) + y * Math.sin(-0.03))) / 3.3);
      const v = Math.round(128 + 45 * a * b);
      data[(y * W + x) * 3] = v;
      data[(y * W + x) * 3 + 1] = v;
      data[(y * W + x) * 3 + 2] = Math.min(255, v + 10);
    }
  return sharp(data, { raw: { width: W, height: H, channels: 3 } })
    .png()
    .toBuffer();
}

let moire: Promise<Buffer> | undefined;

/**
 * A flat photo turned by `degrees` about its vertical axis in front of a
 * pinhole camera (focal length 800 px): the near side grows, the far side
 * shrinks — what a head turn looks like to a 2D landmark model, faked with paper.
 */
async function rotatedPrint(frame: Sharp, degrees: number): Promise<Sharp> {
  const { data, info } = await frame.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const out = Buffer.alloc(data.length, 0x7a);
  const f = 800;
  const t = (degrees * Math.PI) / 180;
  const cx = info.width / 2;
  const cy = info.height / 2;
  for (let yo = 0; yo < info.height; yo++)
    for (let xo = 0; xo < info.width; xo++) {
      const xp = xo - cx;
      const denom = f * Math.cos(t) - xp * Math.sin(t);
      if (denom <= 0) continue;
      const x = (xp * f) / denom;
      const y = ((yo - cy) * (f + x * Math.sin(t))) / f;
      const xs = Math.round(x + cx);
      const ys = Math.round(y + cy);
      if (xs < 0 || ys < 0 || xs >= info.width || ys >= info.height) continue;
      data.copy(out, (yo * info.width + xo) * 3, (ys * info.width + xs) * 3, (ys * info.width + xs) * 3 + 3);
    }
  return sharp(out, { raw: { width: info.width, height: info.height, channels: 3 } });
}

/** Yaw (degrees) an attacker turns the print to for each challenge action; blink cannot be faked with paper. */
const TURN: Record<string, number> = { look_straight: 0, turn_left: -35, turn_right: 35, blink: 0 };
const FRAMES_PER_STEP = 4;

/** Frames answering `challenge` step by step with a print of `photo` turned as each step asks. */
async function printAnsweringTurns(photo: Uint8Array, challenge: Challenge): Promise<Uint8Array[]> {
  const frames: Uint8Array[] = [];
  for (const step of challenge.steps) {
    const yaw = TURN[step] ?? 0;
    for (let k = 0; k < FRAMES_PER_STEP; k++) {
      const ramp = yaw * Math.min(1, (k + 1) / 2);
      frames.push(await jpeg(await rotatedPrint(await cameraFrame(photo, 1, k, 0), ramp)));
    }
  }
  return frames;
}

/**
 * Make one sequence per attack species for a photo (and a second person's
 * photo for the switch). The attacker sees the challenge, as a user would, and
 * answers its turns where paper can: the rotated print and the switch do.
 */
export async function attackSequences(
  photo: Uint8Array,
  other: Uint8Array,
  source: string,
  challenge: Challenge,
  turnOnly: Challenge,
): Promise<AttackSequence[]> {
  moire ??= moirePattern();
  const overlay = await moire;
  const seq = (species: AttackSpecies, images: Uint8Array[], asked = challenge): AttackSequence => ({
    species,
    source,
    challenge: asked,
    frames: images.map((image, i) => ({ image, capturedAtMs: i * SPACING_MS })),
  });

  // 1. The same still, re-encoded per frame (sensor noise stand-in: alternating JPEG quality).
  const still = await Promise.all(times(FRAMES).map(async (i) => jpeg(await cameraFrame(photo), 84 + (i % 3))));

  // 2. The photo held in front of the camera and moved: pans, tilts of the hand, a zoom in and out.
  const moved = await Promise.all(
    times(FRAMES).map(async (i) => {
      const t = i / (FRAMES - 1);
      return jpeg(await cameraFrame(photo, 1 + 0.25 * Math.sin(Math.PI * t), 60 * Math.sin(2 * Math.PI * t), 15 * t));
    }),
  );

  // 3. A print of the victim turned left/right to answer the challenge's turns.
  const rotated = await printAnsweringTurns(photo, challenge);
  // …and against a challenge without a blink: the attacker's best case.
  const rotatedTurnOnly = await printAnsweringTurns(photo, turnOnly);

  // 4. The victim looks straight (the reference frame), then someone else answers the turns.
  const answered = await printAnsweringTurns(other, challenge);
  const straight = await jpeg(await cameraFrame(photo));
  const switched = answered.map((frame, i) => (i < FRAMES_PER_STEP ? straight : frame));

  // 4. The photo shown on a screen and filmed: moiré, display gamma, defocus blur, a little motion.
  const screen = await Promise.all(
    times(FRAMES).map(async (i) => {
      const frame = await (await cameraFrame(photo, 1.05, 8 * Math.sin(i), 4 * Math.cos(i))).png().toBuffer();
      return jpeg(
        sharp(frame)
          .composite([{ input: overlay, blend: 'soft-light' }])
          .gamma(2.2, 1.6)
          .modulate({ brightness: 1.08, saturation: 0.85 })
          .blur(1.1),
        80,
      );
    }),
  );

  return [
    seq('still-photo replay', still),
    seq('shifted/zoomed replay', moved),
    seq('rotated print answering the turns', rotated),
    seq('rotated print, turn-only challenge', rotatedTurnOnly, turnOnly),
    seq('identity switch mid-sequence', switched),
    seq('recaptured screen (moiré, gamma, blur)', screen),
  ];
}

/**
 * Photo-set replay: two different photos of the victim (e.g. from social
 * media), the first answering "look straight", the second — as it is or
 * mirrored — answering the turns. The attacker does not know which way the
 * second photo faces, so both assignments are presented (two attempts, as
 * the signup server allows several).
 */
export async function photoSetSequences(
  first: Uint8Array,
  second: Uint8Array,
  source: string,
  challenge: Challenge,
  asked: 'turn-only' | 'server' = 'turn-only',
): Promise<AttackSequence[]> {
  const straight = await Promise.all(
    times(FRAMES_PER_STEP).map(async (k) => jpeg(await cameraFrame(first, 1, k * 2, 0))),
  );
  const asIs = await Promise.all(times(FRAMES_PER_STEP).map(async (k) => jpeg(await cameraFrame(second, 1, k * 2, 0))));
  const mirrored = await Promise.all(
    times(FRAMES_PER_STEP).map(async (k) => jpeg((await cameraFrame(second, 1, k * 2, 0)).flop())),
  );
  const build = (leftIsMirrored: boolean): AttackSequence => {
    const images = challenge.steps.flatMap((step) => {
      if (step === 'turn_left') return leftIsMirrored ? mirrored : asIs;
      if (step === 'turn_right') return leftIsMirrored ? asIs : mirrored;
      return straight;
    });
    return {
      species:
        asked === 'server'
          ? "photo-set replay (2 photos of the victim, the server's challenge with a blink)"
          : 'photo-set replay (2 photos of the victim, turn-only challenge)',
      source,
      challenge,
      frames: images.map((image, i) => ({ image, capturedAtMs: i * SPACING_MS })),
    };
  };
  return [build(false), build(true)];
}
