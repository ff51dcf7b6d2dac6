import { at, interOcular68, type Point2 } from './geometry';

const n0 = (v: number | undefined): number => v ?? 0;

/** Least-squares 2-D similarity (no reflection) mapping `src` onto `dst`. */
function fitSimilarity(src: readonly Point2[], dst: readonly Point2[]): (p: Point2) => Point2 {
  const n = src.length;
  let sx = 0;
  let sy = 0;
  let dx = 0;
  let dy = 0;
  for (let i = 0; i < n; i++) {
    sx += at(src, i)[0];
    sy += at(src, i)[1];
    dx += at(dst, i)[0];
    dy += at(dst, i)[1];
  }
  sx /= n;
  sy /= n;
  dx /= n;
  dy /= n;
  let n1 = 0;
  let n2 = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const x = at(src, i)[0] - sx;
    const y = at(src, i)[1] - sy;
    const u = at(dst, i)[0] - dx;
    const v = at(dst, i)[1] - dy;
    n1 += x * u + y * v;
    n2 += x * v - y * u;
    den += x * x + y * y;
  }
  const a = n1 / den;
  const b = n2 / den;
  const tx = dx - (a * sx - b * sy);
  const ty = dy - (b * sx + a * sy);
  return (p) => [a * p[0] - b * p[1] + tx, b * p[0] + a * p[1] + ty];
}

/** Solve M x = y (Gaussian elimination, partial pivoting); null when singular. */
function solve(M: number[][], y: number[]): number[] | null {
  const n = y.length;
  const A = M.map((r, i) => [...r, n0(y[i])]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(n0(A[r]?.[c])) > Math.abs(n0(A[p]?.[c]))) p = r;
    const pivotRow = A[p] as number[];
    A[p] = A[c] as number[];
    A[c] = pivotRow;
    const pivot = n0(pivotRow[c]);
    if (Math.abs(pivot) < 1e-12) return null;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const row = A[r] as number[];
      const f = n0(row[c]) / pivot;
      for (let k = c; k <= n; k++) row[k] = n0(row[k]) - f * n0(pivotRow[k]);
    }
  }
  return A.map((r, i) => n0(r[n]) / n0(r[i]));
}

/** Hartley normalisation: centroid at 0, mean distance √2. */
function hartley(points: readonly Point2[]): { pts: Point2[]; s: number; cx: number; cy: number } {
  let cx = 0;
  let cy = 0;
  for (const p of points) {
    cx += p[0];
    cy += p[1];
  }
  cx /= points.length;
  cy /= points.length;
  let md = 0;
  for (const p of points) md += Math.hypot(p[0] - cx, p[1] - cy);
  const s = Math.SQRT2 / (md / points.length);
  return { pts: points.map((p) => [(p[0] - cx) * s, (p[1] - cy) * s] as const), s, cx, cy };
}

/**
 * Least-squares homography (8 dof) mapping `src` onto `dst`. A flat photo seen
 * from any angle maps onto itself by a homography; a real head turning does not
 * (parallax between nose, eyes and jaw).
 */
function fitHomography(src: readonly Point2[], dst: readonly Point2[]): ((p: Point2) => Point2) | null {
  const S = hartley(src);
  const D = hartley(dst);
  const AtA = Array.from({ length: 8 }, () => new Array<number>(8).fill(0));
  const Atb = new Array<number>(8).fill(0);
  for (let i = 0; i < src.length; i++) {
    const [x, y] = at(S.pts, i);
    const [u, v] = at(D.pts, i);
    const rows: [number[], number][] = [
      [[x, y, 1, 0, 0, 0, -u * x, -u * y], u],
      [[0, 0, 0, x, y, 1, -v * x, -v * y], v],
    ];
    for (const [row, b] of rows) {
      for (let a = 0; a < 8; a++) {
        Atb[a] = n0(Atb[a]) + n0(row[a]) * b;
        const line = AtA[a] as number[];
        for (let c = 0; c < 8; c++) line[c] = n0(line[c]) + n0(row[a]) * n0(row[c]);
      }
    }
  }
  const h = solve(AtA, Atb);
  if (!h) return null;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = h;
  return (p) => {
    const x = (p[0] - S.cx) * S.s;
    const y = (p[1] - S.cy) * S.s;
    const w = h6 * x + h7 * y + 1;
    const u = (h0 * x + h1 * y + h2) / w;
    const v = (h3 * x + h4 * y + h5) / w;
    return [u / D.s + D.cx, v / D.s + D.cy];
  };
}

/**
 * The rigid part of the 68 set: jaw, brows, nose, eye corners. Eyelids and mouth
 * are left out so blinks and speech do not count as 3-D motion.
 */
export const RIGID68: readonly number[] = [
  ...Array.from({ length: 27 }, (_, i) => i),
  27,
  28,
  29,
  30,
  31,
  32,
  33,
  34,
  35,
  36,
  39,
  42,
  45,
];

/** What is left after the best planar maps of one landmark set onto another, in inter-ocular distances. */
export interface PlanarResidual {
  /** RMS residual after a 2-D similarity (shift, zoom, in-plane rotation). */
  similarity: number;
  /** RMS residual after a homography (any view of a flat picture). NaN when degenerate. */
  homography: number;
}

/** Residual of `landmarks` mapped onto `reference` (both 68-point sets). */
export function planarResidual(reference: readonly Point2[], landmarks: readonly Point2[]): PlanarResidual {
  const src = RIGID68.map((i) => at(landmarks, i));
  const dst = RIGID68.map((i) => at(reference, i));
  const iod = interOcular68(reference);
  const sim = fitSimilarity(src, dst);
  const hom = fitHomography(src, dst);
  let rs = 0;
  let rh = 0;
  for (let i = 0; i < src.length; i++) {
    const d = at(dst, i);
    const p = sim(at(src, i));
    rs += (p[0] - d[0]) ** 2 + (p[1] - d[1]) ** 2;
    if (hom) {
      const q = hom(at(src, i));
      rh += (q[0] - d[0]) ** 2 + (q[1] - d[1]) ** 2;
    }
  }
  const n = src.length;
  return { similarity: Math.sqrt(rs / n) / iod, homography: hom ? Math.sqrt(rh / n) / iod : Number.NaN };
}
