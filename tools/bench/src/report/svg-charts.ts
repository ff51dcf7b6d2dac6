// Inline SVG charts for the HTML report: no external assets, no scripts.

/** One curve: points in data space and a colour. */
export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

interface Axis {
  label: string;
  /** Data → 0..1. */
  scale: (v: number) => number;
  ticks: { value: number; label: string }[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A line chart in a 420×360 SVG. */
export function lineChart(title: string, x: Axis, y: Axis, series: readonly Series[], diagonal = false): string {
  const W = 420;
  const H = 360;
  const m = { left: 56, right: 16, top: 30, bottom: 46 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const px = (v: number) => m.left + Math.min(1, Math.max(0, x.scale(v))) * pw;
  const py = (v: number) => m.top + (1 - Math.min(1, Math.max(0, y.scale(v)))) * ph;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(title)}</text>`,
    `<rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#333"/>`,
  ];
  for (const t of x.ticks) {
    const X = px(t.value);
    parts.push(`<line x1="${X}" y1="${m.top}" x2="${X}" y2="${m.top + ph}" stroke="#ddd"/>`);
    parts.push(`<text x="${X}" y="${m.top + ph + 14}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  for (const t of y.ticks) {
    const Y = py(t.value);
    parts.push(`<line x1="${m.left}" y1="${Y}" x2="${m.left + pw}" y2="${Y}" stroke="#ddd"/>`);
    parts.push(`<text x="${m.left - 6}" y="${Y + 4}" text-anchor="end">${esc(t.label)}</text>`);
  }
  if (diagonal)
    parts.push(
      `<line x1="${m.left}" y1="${m.top + ph}" x2="${m.left + pw}" y2="${m.top}" stroke="#aaa" stroke-dasharray="4 4"/>`,
    );
  parts.push(`<text x="${m.left + pw / 2}" y="${H - 10}" text-anchor="middle">${esc(x.label)}</text>`);
  parts.push(
    `<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(y.label)}</text>`,
  );
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`);
    parts.push(
      `<rect x="${m.left + 10}" y="${m.top + 10 + i * 16}" width="12" height="3" fill="${s.color}"/><text x="${m.left + 26}" y="${m.top + 15 + i * 16}">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Linear 0..1 axis with ticks every 0.2. */
export function unitAxis(label: string): Axis {
  return {
    label,
    scale: (v) => v,
    ticks: [0, 0.2, 0.4, 0.6, 0.8, 1].map((v) => ({ value: v, label: v.toFixed(1) })),
  };
}

/** Log-10 axis from `min` to 1 (values below `min` are drawn at `min`). */
export function logAxis(label: string, min: number): Axis {
  const lo = Math.log10(min);
  const ticks: { value: number; label: string }[] = [];
  for (let e = Math.ceil(lo); e <= 0; e++)
    ticks.push({ value: 10 ** e, label: `${+(100 * 10 ** e).toPrecision(2)} %` });
  return { label, scale: (v) => (Math.log10(Math.max(v, min)) - lo) / -lo, ticks };
}

/** Inverse of the standard normal CDF (Acklam's approximation, |error| < 1.2e-9). */
export function probit(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    return (((((c0 * r + c1) * r + c2) * r + c3) * r + c4) * r + c5) / ((((d0 * r + d1) * r + d2) * r + d3) * r + 1);
  }
  if (q > 1 - 0.02425) return -probit(1 - q);
  const r = q - 0.5;
  const s = r * r;
  return (
    ((((((a0 * s + a1) * s + a2) * s + a3) * s + a4) * s + a5) * r) /
    (((((b0 * s + b1) * s + b2) * s + b3) * s + b4) * s + 1)
  );
}

/** A DET axis: normal-deviate scale between `min` and 0.5 (ISO/IEC 19795-1 style). */
export function detAxis(label: string, min: number): Axis {
  const lo = probit(min);
  const hi = probit(0.5);
  const ticks = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5]
    .filter((v) => v >= min)
    .map((v) => ({ value: v, label: `${+(v * 100).toPrecision(2)}` }));
  return { label, scale: (v) => (probit(Math.max(v, min)) - lo) / (hi - lo), ticks };
}
