/** A 2-D landmark point. */
export type SyntheticPoint = readonly [number, number];

// 68 iBUG landmarks of a frontal face (face-api SSD + landmark net on fixtures/faces/obama-1.jpg at 640 px).
const FRONTAL: readonly SyntheticPoint[] = [
  [205, 124],
  [207, 142],
  [210, 160],
  [214, 175],
  [219, 193],
  [228, 207],
  [240, 216],
  [255, 228],
  [277, 234],
  [299, 227],
  [312, 217],
  [322, 208],
  [330, 193],
  [336, 176],
  [338, 160],
  [341, 144],
  [341, 126],
  [223, 108],
  [232, 103],
  [242, 101],
  [252, 101],
  [261, 104],
  [295, 104],
  [303, 101],
  [312, 100],
  [323, 103],
  [330, 107],
  [278, 122],
  [278, 135],
  [278, 146],
  [278, 157],
  [265, 162],
  [270, 164],
  [278, 165],
  [285, 163],
  [290, 162],
  [237, 120],
  [243, 118],
  [251, 118],
  [259, 122],
  [252, 124],
  [243, 124],
  [295, 121],
  [303, 117],
  [312, 117],
  [317, 121],
  [311, 124],
  [302, 123],
  [245, 181],
  [256, 177],
  [271, 175],
  [278, 176],
  [284, 174],
  [299, 177],
  [310, 180],
  [298, 192],
  [288, 198],
  [277, 200],
  [268, 198],
  [257, 194],
  [246, 181],
  [267, 180],
  [278, 180],
  [288, 180],
  [308, 180],
  [287, 190],
  [278, 192],
  [268, 191],
];
const NOSE = FRONTAL[30] as SyntheticPoint;
const IOD = 60;

/** Depth (towards the camera, in inter-ocular units) of each landmark of a generic head. */
function depth(i: number, x: number): number {
  const side = Math.min(1, Math.abs(x) / 1.1);
  if (i <= 16) return -0.35 - 0.75 * side * side; // jaw: chin forward, ears far back
  if (i <= 26) return -0.4 - 0.25 * side * side; // brows
  if (i <= 30) return -0.45 + 0.45 * ((i - 27) / 3); // bridge to tip
  if (i <= 35) return -0.2 - 0.12 * side; // nostrils
  if (i <= 47) return -0.5 - 0.15 * side; // eyes
  return -0.3 - 0.2 * side * side; // mouth
}

/** A 3-D head as [x right, y down, z towards camera] in inter-ocular units, nose tip at 0. */
const HEAD = FRONTAL.map((p, i) => {
  const x = (p[0] - NOSE[0]) / IOD;
  const y = (p[1] - NOSE[1]) / IOD;
  return [x, y, depth(i, x)] as const;
});

/** How to render the synthetic face. */
export interface SyntheticPose {
  /** Degrees; > 0 turns the nose to the image's right (the user's left). */
  yaw?: number;
  /** In-plane rotation, degrees. */
  roll?: number;
  /** Inter-ocular distance in pixels (default 60). */
  scale?: number;
  /** Nose tip position (default 320, 240). */
  center?: SyntheticPoint;
  /** Treat the head as a flat print (all depths 0): what a photo held to the camera shows. */
  flat?: boolean;
  /** Squash the face vertically by this factor (a print tilted forward or back), default 1. */
  verticalScale?: number;
  /** Close the eyelids to this fraction of open (1 = open). */
  eyeOpen?: number;
}

/**
 * 68 landmarks of a generic head under a pose, by orthographic projection.
 * A real head turning shows parallax; `flat: true` gives what a photo shows
 * (a planar map of the frontal face), for replay tests without models.
 */
export function syntheticLandmarks(pose: SyntheticPose = {}): SyntheticPoint[] {
  const yaw = ((pose.yaw ?? 0) * Math.PI) / 180;
  const roll = ((pose.roll ?? 0) * Math.PI) / 180;
  const s = pose.scale ?? IOD;
  const [cx, cy] = pose.center ?? [320, 240];
  const vs = pose.verticalScale ?? 1;
  const open = pose.eyeOpen ?? 1;
  const pts = HEAD.map(([x, y, z], i) => {
    let yy = y;
    if (i >= 36 && i <= 47) {
      // lids move towards the eye's horizontal centre line
      const eye = i < 42 ? HEAD.slice(36, 42) : HEAD.slice(42, 48);
      const mid = eye.reduce((a, p) => a + p[1], 0) / 6;
      yy = mid + (y - mid) * open;
    }
    const zz = pose.flat ? 0 : z;
    const rx = x * Math.cos(yaw) - zz * Math.sin(yaw) * -1;
    return [rx, yy * vs] as const;
  });
  return pts.map(([x, y]) => [
    cx + s * (x * Math.cos(roll) - y * Math.sin(roll)),
    cy + s * (x * Math.sin(roll) + y * Math.cos(roll)),
  ]);
}
