import { malformedResponse, type ResponseLabel } from '@facegate/core/adapter-kit';

/**
 * What an inner `data.status` means. Decentro documents only `SUCCESS` (the
 * check ran); the negative values below are ASSUMED from how its other KYC
 * APIs report a negative finding, and each is mapped explicitly so that a
 * spoof or a non-match never ends as a generic error. Any other value is a
 * `provider_error` naming it: an unknown label is never read as a pass.
 */
export type DecentroDataStatus = 'completed' | 'negative';

/** Inner statuses of liveness answers: the check ran, or it found the face not live. */
export const DECENTRO_LIVENESS_DATA_STATUS: Readonly<Record<string, DecentroDataStatus>> = {
  SUCCESS: 'completed',
  FAILURE: 'negative',
  FAILED: 'negative',
  SPOOF: 'negative',
  NOT_LIVE: 'negative',
};

/** Inner statuses of face match answers: the comparison ran, or it found the faces different. */
export const DECENTRO_MATCH_DATA_STATUS: Readonly<Record<string, DecentroDataStatus>> = {
  SUCCESS: 'completed',
  FAILURE: 'negative',
  FAILED: 'negative',
  NOT_MATCHED: 'negative',
  NO_MATCH: 'negative',
  MISMATCH: 'negative',
};

/** Look `status` up (case and surrounding spaces ignored); an unknown one throws `provider_error`. */
export function readDataStatus(
  table: Readonly<Record<string, DecentroDataStatus>>,
  status: string,
  label: ResponseLabel,
): DecentroDataStatus {
  const meaning = table[status.trim().toUpperCase()];
  if (meaning) return meaning;
  // The label is a short vendor keyword, never user data; cut it so a garbled body cannot flood the message.
  throw malformedResponse(
    label,
    `data.status '${status.slice(0, 24).replace(/[^\w-]/g, '?')}' is not one this adapter maps`,
  );
}
