import { randomUUID } from 'node:crypto';
import type { ValidatedMedia, Warning } from '@facegate/core';
import { readProviderOptions } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import { matchCallOptionsSchema } from './decentro-call-options';
import { decentroForm } from './decentro-form';
import { faceMatchResponseSchema } from './decentro-schemas';
import { DECENTRO_PROVIDER_ID, type DecentroSettings } from './decentro-settings';
import type { DecentroTransport } from './decentro-transport';
import { readPercent } from './decentro-values';

/** Decentro's face match endpoint. */
export const DECENTRO_FACE_MATCH_PATH = '/v2/kyc/forensics/face_match';

const OPERATION = 'compareFaces';

/**
 * 1:1 comparison over Decentro's face match: `image1` is the source (live)
 * face, `image2` the target (e.g. the document photo).
 */
export function createFaceMatch(settings: DecentroSettings, transport: DecentroTransport) {
  return async function compareFaces(
    request: CompareFacesRequest<ValidatedMedia>,
    ctx: CallContext,
  ): Promise<MatchObservation> {
    const warnings: Warning[] = [];
    const options = readProviderOptions(
      DECENTRO_PROVIDER_ID,
      matchCallOptionsSchema,
      request.providerOptions,
      warnings,
    );
    const threshold = options.threshold ?? settings.faceMatchThreshold;
    const form = decentroForm(
      {
        reference_id: randomUUID(),
        // Decentro's face match documentation sends consent as "Y" (its newer APIs use true).
        consent: 'Y',
        consent_purpose: settings.consentPurpose,
        ...(threshold === undefined ? {} : { threshold: String(threshold) }),
      },
      { image1: request.source, image2: request.target },
    );
    const { body, label, raw } = await transport.post(
      { operation: OPERATION, path: DECENTRO_FACE_MATCH_PATH, body: form },
      faceMatchResponseSchema,
      ctx,
    );
    // ASSUMED (from Decentro's published OpenAPI example): data.match is a percentage such as "98.00%".
    const similarity = readPercent(body.data.match, 'data.match', label, warnings);
    return {
      similarity,
      // Decentro's data.status reports the call, not a same-person verdict: no vendor label.
      vendorIsMatch: null,
      reasons: [],
      raw,
      warnings,
    };
  };
}
