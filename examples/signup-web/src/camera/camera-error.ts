/** Why the camera could not start, in terms the page can explain. */
export type CameraProblem = 'denied' | 'not_found' | 'busy' | 'insecure' | 'unknown';

/** Classify a getUserMedia failure (DOMException names differ a little between browsers). */
export function cameraProblem(error: unknown): CameraProblem {
  const name = (error as { name?: string } | null)?.name ?? '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'not_found';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'InsecureContext':
      return 'insecure';
    default:
      return 'unknown';
  }
}
