/**
 * Actions an active liveness challenge can ask for. Directions are the user's
 * own: `turn_left` means the user turns their head to their left (in an
 * unmirrored camera image the nose moves towards the image's right edge).
 */
export const CHALLENGE_ACTIONS = ['look_straight', 'turn_left', 'turn_right', 'look_up', 'look_down', 'blink'] as const;
/** One action of a challenge. */
export type ChallengeAction = (typeof CHALLENGE_ACTIONS)[number];
