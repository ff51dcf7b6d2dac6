import type { RgbImage } from './decode-image';

/**
 * A 2×3 affine map from output pixel centres to source pixel coordinates:
 * `sx = a·x + b·y + c`, `sy = d·x + e·y + f` (OpenCV's inverse-map convention).
 */
export type AffineMap = readonly [number, number, number, number, number, number];

/** How a warp writes channels into the planar (NCHW) float tensor. */
export interface TensorLayout {
  /** `rgb`/`bgr`: three planes in that order; `grey`: one plane of Rec. 601 luma. */
  readonly channels: 'rgb' | 'bgr' | 'grey';
  /** Per output plane: value = (pixel − mean) / std, pixels 0..255. */
  readonly mean: readonly number[];
  readonly std: readonly number[];
  /** Outside the source: repeat the edge pixel (`clamp`, crops) or black (`zero`, alignment). */
  readonly border: 'clamp' | 'zero';
}

/** The map that resizes the source rectangle (x, y, w, h) onto an `outW`×`outH` grid, pixel centres aligned as cv2.resize does. */
export function rectMap(x: number, y: number, w: number, h: number, outW: number, outH: number): AffineMap {
  const sx = w / outW;
  const sy = h / outH;
  return [sx, 0, x + 0.5 * sx - 0.5, 0, sy, y + 0.5 * sy - 0.5];
}

/**
 * Sample `image` through `map` with bilinear interpolation (no antialiasing,
 * like cv2.resize INTER_LINEAR / warpAffine) into a planar float32 tensor of
 * `outW`×`outH` in the given layout.
 */
export function warpToTensor(
  image: RgbImage,
  map: AffineMap,
  outW: number,
  outH: number,
  layout: TensorLayout,
  out = new Float32Array((layout.channels === 'grey' ? 1 : 3) * outW * outH),
): Float32Array {
  const { data, width: W, height: H } = image;
  const [a, b, c, d, e, f] = map;
  const plane = outW * outH;
  const grey = layout.channels === 'grey';
  // Source channel feeding output plane 0, 1, 2.
  const order = layout.channels === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  const [o0 = 0, o1 = 1, o2 = 2] = order;
  const m0 = layout.mean[0] ?? 0;
  const m1 = layout.mean[1] ?? m0;
  const m2 = layout.mean[2] ?? m0;
  const s0 = 1 / (layout.std[0] ?? 1);
  const s1 = 1 / (layout.std[1] ?? layout.std[0] ?? 1);
  const s2 = 1 / (layout.std[2] ?? layout.std[0] ?? 1);
  const zero = layout.border === 'zero';
  const px = [0, 0, 0];
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let fx = a * x + b * y + c;
      let fy = d * x + e * y + f;
      const i = y * outW + x;
      if (zero && (fx <= -1 || fy <= -1 || fx >= W || fy >= H)) {
        // Fully outside: black pixel, normalised like any other.
        if (grey) out[i] = -m0 * s0;
        else {
          out[i] = -m0 * s0;
          out[plane + i] = -m1 * s1;
          out[2 * plane + i] = -m2 * s2;
        }
        continue;
      }
      if (fx < 0) fx = 0;
      else if (fx > W - 1) fx = W - 1;
      if (fy < 0) fy = 0;
      else if (fy > H - 1) fy = H - 1;
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const x1 = x0 + 1 < W ? x0 + 1 : x0;
      const y1 = y0 + 1 < H ? y0 + 1 : y0;
      const wx = fx - x0;
      const wy = fy - y0;
      const i00 = (y0 * W + x0) * 3;
      const i01 = (y0 * W + x1) * 3;
      const i10 = (y1 * W + x0) * 3;
      const i11 = (y1 * W + x1) * 3;
      const w00 = (1 - wx) * (1 - wy);
      const w01 = wx * (1 - wy);
      const w10 = (1 - wx) * wy;
      const w11 = wx * wy;
      for (let ch = 0; ch < 3; ch++)
        px[ch] =
          (data[i00 + ch] as number) * w00 +
          (data[i01 + ch] as number) * w01 +
          (data[i10 + ch] as number) * w10 +
          (data[i11 + ch] as number) * w11;
      if (grey) out[i] = (0.299 * (px[0] as number) + 0.587 * (px[1] as number) + 0.114 * (px[2] as number) - m0) * s0;
      else {
        out[i] = ((px[o0] as number) - m0) * s0;
        out[plane + i] = ((px[o1] as number) - m1) * s1;
        out[2 * plane + i] = ((px[o2] as number) - m2) * s2;
      }
    }
  }
  return out;
}

/**
 * The similarity transform (rotation, uniform scale, translation) that maps
 * `from` onto `to` in the least-squares sense (Umeyama 1991, no reflection).
 * Returned as the inverse map (output → source) for {@link warpToTensor}.
 */
export function similarityMap(
  from: readonly (readonly [number, number])[],
  to: readonly (readonly [number, number])[],
): AffineMap {
  const n = from.length;
  let fx = 0;
  let fy = 0;
  let tx = 0;
  let ty = 0;
  for (let i = 0; i < n; i++) {
    fx += (from[i] as readonly [number, number])[0] / n;
    fy += (from[i] as readonly [number, number])[1] / n;
    tx += (to[i] as readonly [number, number])[0] / n;
    ty += (to[i] as readonly [number, number])[1] / n;
  }
  // Forward map source → output: [s·cos, −s·sin; s·sin, s·cos] from the 2-D Procrustes solution.
  let sxx = 0;
  let sxy = 0;
  let varF = 0;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = from[i] as readonly [number, number];
    const [bx, by] = to[i] as readonly [number, number];
    const px = ax - fx;
    const py = ay - fy;
    const qx = bx - tx;
    const qy = by - ty;
    sxx += px * qx + py * qy;
    sxy += px * qy - py * qx;
    varF += px * px + py * py;
  }
  const p = sxx / varF; // s·cos
  const q = sxy / varF; // s·sin
  // Forward: u = p·x − q·y + ux, v = q·x + p·y + vy.
  const ux = tx - (p * fx - q * fy);
  const vy = ty - (q * fx + p * fy);
  // Inverse of [[p, −q], [q, p]] is [[p, q], [−q, p]] / (p² + q²).
  const k = 1 / (p * p + q * q);
  return [p * k, q * k, -(p * ux + q * vy) * k, -q * k, p * k, (q * ux - p * vy) * k];
}

/** Softmax of a short logit vector. */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] as number);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp((logits[i] as number) - max));
  const sum = exps.reduce((s, v) => s + v, 0);
  return exps.map((v) => v / sum);
}
