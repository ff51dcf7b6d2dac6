/** The face oval in video pixels: centre and radii. */
export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/**
 * The oval for a video of this size: 72 % of the shorter side tall, a face's
 * proportions wide, slightly above the centre (where a face naturally sits).
 */
export function ovalFor(width: number, height: number): Oval {
  const ry = Math.min(width, height) * 0.36;
  return { cx: width / 2, cy: height * 0.48, rx: ry / 1.35, ry };
}
