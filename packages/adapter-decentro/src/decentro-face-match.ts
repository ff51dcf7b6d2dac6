import { randomUUID } from 'node:crypto';
import type { ValidatedMedia, Warning } from '@facegate/core';
import { readProviderOptions } from '@facegate/core/adapter-kit';
import type { CallContext, CompareFacesRequest, MatchObservation } from '@facegate/core/spec';
import { matchCallOptionsSchema } from './decentro-call-options';
import { DECENTRO_MATCH_DATA_STATUS, readDataStatus } from './decentro-data-status';
import { decentroForm } from './decentro-form';
import { faceMatchResponseSchema } from './decentro-schemas';
import { DECENTRO_PROVIDER_ID, type DecentroSettings } from './decentro-settings';
import type { DecentroTransport } from './decentro-transport';
import { readPercent, required } from './decentro-values';

/** Decentro's face match endpoint. */
export const DECENTRO_FACE_MATCH_PATH = '/v2/kyc/forensics/face_match';

const OPERATION = 'compareFaces';

/**
 * Decentro's OpenAPI types `threshold` as an integer percent (70–95), while
 * its prose and our option use 0.7–0.95: convert at the wire. A value
 * between two whole percents is rounded, with a warning saying so.
 */
export function thresholdPercent(threshold: number, warnings: Warning[]): string {
  const percent = Math.round(threshold * 100);
  if (Math.abs(percent - threshold * 100) > 1e-9) {
    warnings.push({
      type: 'other',
      message: `Decentro takes the face match threshold in whole percent: ${threshold} was sent as ${percent}`,
    });
  }
  return String(percent);
}

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
        ...(threshold === undefined ? {} : { threshold: thresholdPercent(threshold, warnings) }),
      },
      { image1: request.source, image2: request.target },
    );
    const { body, label, raw } = await transport.post(
      { operation: OPERATION, path: DECENTRO_FACE_MATCH_PATH, body: form },
      faceMatchResponseSchema,
      ctx,
    );
    // ASSUMED (from Decentro's published OpenAPI example): data.match is a percentage such as "98.00%".
    if (readDataStatus(DECENTRO_MATCH_DATA_STATUS, body.data.status, label) === 'negative') {
      // Decentro's own "not the same person": a label the policy weighs; without a score it is a mismatch.
      const similarity =
        body.data.match === undefined ? null : readPercent(body.data.match, 'data.match', label, warnings);
      return { similarity, vendorIsMatch: false, reasons: similarity === null ? ['face_mismatch'] : [], raw, warnings };
    }
    const similarity = readPercent(required(body.data.match, 'data.match', label), 'data.match', label, warnings);
    return {
      similarity,
      // A completed comparison: data.status reports the call, not a same-person verdict, so no vendor label.
      vendorIsMatch: null,
      reasons: [],
      raw,
      warnings,
    };
  };
}
