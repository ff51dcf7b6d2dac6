import type { LightColor } from '../api/api-types';

/** The screen fill for each colour: the same values as core's `LIGHT_RGB`, which the server judges against. */
export const SCREEN_RGB: Readonly<Record<LightColor, readonly [number, number, number]>> = {
  red: [255, 0, 0],
  green: [0, 255, 0],
  blue: [0, 0, 255],
  yellow: [255, 255, 0],
  magenta: [255, 0, 255],
  cyan: [0, 255, 255],
};

/**
 * Fill the screen with `color` behind the camera view (the face reflects it;
 * the person still sees themselves and the prompt), or take the fill away
 * (null). `body[data-light]` names the colour shown.
 */
export function showScreenLight(color: LightColor | null): void {
  let fill = document.querySelector<HTMLElement>('.screen-light');
  if (!color) {
    fill?.remove();
    delete document.body.dataset.light;
    return;
  }
  if (!fill) {
    fill = document.createElement('div');
    fill.className = 'screen-light';
    fill.setAttribute('aria-hidden', 'true');
    document.body.append(fill);
  }
  const [r, g, b] = SCREEN_RGB[color];
  fill.style.background = `rgb(${r}, ${g}, ${b})`;
  document.body.dataset.light = color;
}
