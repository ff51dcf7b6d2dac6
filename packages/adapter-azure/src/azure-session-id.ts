import { FacegateError } from '@facegate/core';
import { AZURE_PROVIDER_ID } from './azure-settings';

/** Azure keeps plain and with-verify sessions under different paths. */
export type AzureSessionKind = 'liveness' | 'verify';

/** A session id as facegate hands it out, split into Azure's id and the kind. */
export interface AzureSessionRef {
  kind: AzureSessionKind;
  /** Azure's own session id (a UUID). */
  azureId: string;
}

const VERIFY_PREFIX = 'verify:';
const AZURE_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * The facegate session id for an Azure session. With-verify sessions carry a
 * `verify:` prefix so a result can be fetched from the right path without
 * server-side state (several app instances may share sessions).
 */
export function toSessionId(ref: AzureSessionRef): string {
  return ref.kind === 'verify' ? `${VERIFY_PREFIX}${ref.azureId}` : ref.azureId;
}

/** Split a facegate session id; an id Azure cannot have issued is `session_not_found` without a call. */
export function parseSessionId(sessionId: string): AzureSessionRef {
  const verify = sessionId.startsWith(VERIFY_PREFIX);
  const azureId = verify ? sessionId.slice(VERIFY_PREFIX.length) : sessionId;
  if (!AZURE_ID.test(azureId)) {
    throw new FacegateError({
      code: 'session_not_found',
      message: `'${sessionId.slice(0, 80)}' is not an Azure liveness session id`,
      provider: AZURE_PROVIDER_ID,
    });
  }
  return { kind: verify ? 'verify' : 'liveness', azureId };
}
