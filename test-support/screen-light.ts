// Simulated screen light for clips recorded without it (`pnpm eval` and the
// engine's clip tests): what a face close to a screen showing a colour looks
// like, and what a screen's glass adds when a phone films a replayed video.
// Works in linear light on raw RGB pixels; the caller decodes and encodes.

/** Raw 8-bit RGB pixels, row-major, 3 channels. */
export interface RawRgb {
  data: Uint8Array;
  width: number;
  height: number;
}

/** A face box as fractions of the image (like the API's bounding boxes). */
export interface RelativeBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

const TO_LINEAR = Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});
const toSrgb = (l: number) => {
  const c = l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
  return Math.max(0, Math.min(255, Math.round(c * 255)));
};

/**
 * Light from a screen showing `rgb` (0..255), at `strength` of the face's
 * light per unit of colour (0.1–0.3: a laptop or phone screen in an office),
 * on the head (an ellipse around the face box, 1.5× its size, soft at the edge) and
 * `backgroundShare` of it on everything farther away (a wall a metre or more
 * behind: 0.05–0.1 by the inverse square of the distance).
 */
export function litByScreen(
  frame: RawRgb,
  rgb: readonly [number, number, number],
  face: RelativeBox,
  strength: number,
  backgroundShare = 0.08,
): RawRgb {
  const out = new Uint8Array(frame.data.length);
  const colour = rgb.map((v) => TO_LINEAR[v] ?? 0);
  const cx = (face.left + face.width / 2) * frame.width;
  const cy = (face.top + face.height / 2) * frame.height;
  const rx = 0.75 * face.width * frame.width;
  const ry = 0.75 * face.height * frame.height;
  for (let y = 0; y < frame.height; y++)
    for (let x = 0; x < frame.width; x++) {
      const r2 = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      // 1 on the head, falling quickly to the background's share past its outline (the wall is far behind).
      const near = r2 <= 1 ? 1 : Math.max(0, 1 - (Math.sqrt(r2) - 1) / 0.15);
      const gain = strength * (backgroundShare + (1 - backgroundShare) * near);
      const i = (y * frame.width + x) * 3;
      for (let c = 0; c < 3; c++)
        out[i + c] = toSrgb((TO_LINEAR[frame.data[i + c] ?? 0] ?? 0) * (1 + gain * (colour[c] ?? 0)));
    }
  return { data: out, width: frame.width, height: frame.height };
}

/**
 * What a phone filming a monitor sees: the monitor's picture (a little
 * dimmer, slightly blurred by refocusing is left out) plus the page's colour
 * reflected evenly by the glass, `reflection` of full white in linear light
 * (0.005–0.03 for a glossy screen at arm's length).
 */
export function throughScreenGlass(
  frame: RawRgb,
  rgb: readonly [number, number, number],
  reflection: number,
  screenGain = 0.85,
): RawRgb {
  const out = new Uint8Array(frame.data.length);
  const colour = rgb.map((v) => TO_LINEAR[v] ?? 0);
  for (let i = 0; i < frame.data.length; i += 3)
    for (let c = 0; c < 3; c++)
      out[i + c] = toSrgb((TO_LINEAR[frame.data[i + c] ?? 0] ?? 0) * screenGain + reflection * (colour[c] ?? 0));
  return { data: out, width: frame.width, height: frame.height };
}

/** Decode a frame to raw RGB and encode it back (the caller's image library). */
export interface RawCodec {
  decode(image: Uint8Array): Promise<RawRgb>;
  encode(raw: RawRgb): Promise<Uint8Array>;
}

/** A captured frame (as the page uploads it). */
export interface TimedFrame {
  image: Uint8Array;
  capturedAtMs: number;
}

/**
 * Re-light each frame with the colour on screen when it was taken
 * (`colourAt(capturedAtMs - lagMs)`: the camera sees the screen a little
 * late), through `light` (`litByScreen` or `throughScreenGlass` with its
 * settings bound).
 */
export async function relightFrames<F extends TimedFrame>(
  frames: readonly F[],
  colourAt: (atMs: number) => readonly [number, number, number] | null,
  light: (raw: RawRgb, rgb: readonly [number, number, number]) => RawRgb,
  codec: RawCodec,
  lagMs = 100,
): Promise<F[]> {
  const out: F[] = [];
  for (const f of frames) {
    const rgb = colourAt(f.capturedAtMs - lagMs);
    out.push(rgb ? { ...f, image: await codec.encode(light(await codec.decode(f.image), rgb)) } : f);
  }
  return out;
}
