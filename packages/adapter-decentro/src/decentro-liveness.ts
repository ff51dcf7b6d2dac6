import { randomUUID } from 'node:crypto';
import { FacegateError, type ValidatedMedia, type Warning } from '@facegate/core';
import { malformedResponse, readProviderOptions } from '@facegate/core/adapter-kit';
import type { CallContext, LivenessObservation, MediaLivenessRequest } from '@facegate/core/spec';
import { livenessCallOptionsSchema } from './decentro-call-options';
import { DECENTRO_LIVENESS_DATA_STATUS, readDataStatus } from './decentro-data-status';
import { decentroForm } from './decentro-form';
import { checkLivenessImage } from './decentro-liveness-image';
import { checkLivenessVideo } from './decentro-liveness-video';
import { passiveLivenessResponseSchema, videoLivenessResponseSchema } from './decentro-schemas';
import { DECENTRO_PROVIDER_ID, type DecentroSettings } from './decentro-settings';
import type { DecentroTransport } from './decentro-transport';
import { optionalScore, readScore, readYesNo, required } from './decentro-values';

/** Decentro's liveness endpoints. */
export const DECENTRO_LIVENESS_PATHS = {
  imageV3: '/v3/kyc/farsight/liveness/passive',
  imageV2: '/v2/kyc/forensics/liveness/passive',
  video: '/v2/kyc/forensics/video_liveness',
} as const;

const OPERATION = 'checkLiveness';

/** Media-shape liveness over Decentro's passive image and video APIs. */
export function createLivenessCheck(settings: DecentroSettings, transport: DecentroTransport) {
  async function checkImage(
    image: ValidatedMedia,
    options: { api: DecentroSettings['imageLivenessApi']; skip: boolean },
    warnings: Warning[],
    ctx: CallContext,
  ): Promise<LivenessObservation> {
    checkLivenessImage(image, { skipMetadataValidation: options.skip });
    if (options.skip) {
      warnings.push({
        type: 'other',
        message: 'skip_metadata_validation was sent: Decentro documents it for development only',
      });
    }
    const referenceId = randomUUID();
    const call =
      options.api === 'v3-json'
        ? {
            operation: OPERATION,
            path: DECENTRO_LIVENESS_PATHS.imageV3,
            body: {
              reference_id: referenceId,
              consent: true,
              purpose: settings.consentPurpose,
              image: Buffer.from(image.data).toString('base64'),
              ...(options.skip ? { skip_metadata_validation: true } : {}),
            },
          }
        : {
            operation: OPERATION,
            path: DECENTRO_LIVENESS_PATHS.imageV2,
            body: decentroForm(
              {
                reference_id: referenceId,
                consent: 'true',
                purpose: settings.consentPurpose,
                ...(options.skip ? { skip_metadata_validation: 'true' } : {}),
              },
              { image },
            ),
          };
    const { body, label, raw } = await transport.post(call, passiveLivenessResponseSchema, ctx);
    const data = body.data;
    if (readDataStatus(DECENTRO_LIVENESS_DATA_STATUS, data.status, label) === 'negative') {
      // A negative status is a spoof finding; one that still says live: "yes" contradicts itself.
      if (data.live !== undefined && readYesNo(data.live, 'data.live', label))
        throw malformedResponse(label, 'data.status is negative but data.live is "yes"');
      return {
        verdict: 'spoof',
        confidence: optionalScore(data.livenessScore, 'data.livenessScore', 100, label, warnings),
        reasons: ['spoof_suspected'],
        raw,
        warnings,
      };
    }
    const live = readYesNo(required(data.live, 'data.live', label), 'data.live', label);
    const confidence = readScore(
      required(data.livenessScore, 'data.livenessScore', label),
      'data.livenessScore',
      100,
      label,
      warnings,
    );
    const review = readYesNo(required(data.needToReview, 'data.needToReview', label), 'data.needToReview', label);
    return {
      verdict: live ? 'live' : 'spoof',
      confidence,
      reasons: review ? ['vendor_review'] : [],
      raw,
      warnings,
    };
  }

  async function checkVideo(
    video: ValidatedMedia,
    skip: boolean,
    warnings: Warning[],
    ctx: CallContext,
  ): Promise<LivenessObservation> {
    if (checkLivenessVideo(video).dimensions === null) {
      warnings.push({
        type: 'other',
        message: "the video's frame size could not be read, so the 800×800–2000×2000 rule was left to Decentro",
      });
    }
    const form = decentroForm(
      {
        reference_id: randomUUID(),
        consent: 'true',
        consent_purpose: settings.consentPurpose,
        // Browser recordings carry no camera metadata, which Decentro otherwise rejects.
        ...(skip ? { skip_metadata_validation: 'true' } : {}),
      },
      { video },
    );
    const { body, label, raw } = await transport.post(
      { operation: OPERATION, path: DECENTRO_LIVENESS_PATHS.video, body: form },
      videoLivenessResponseSchema,
      ctx,
    );
    if (readDataStatus(DECENTRO_LIVENESS_DATA_STATUS, body.data.status, label) === 'negative') {
      return {
        verdict: 'spoof',
        confidence: optionalScore(body.data.confidence, 'data.confidence', 1, label, warnings),
        reasons: ['spoof_suspected'],
        raw,
        warnings,
      };
    }
    // ASSUMED: `confidence` ("1.0") is on 0..1; a value above 1 is refused, not rescaled.
    const confidence = readScore(
      required(body.data.confidence, 'data.confidence', label),
      'data.confidence',
      1,
      label,
      warnings,
    );
    // Decentro gives no live/spoof label for video: the policy decides on the confidence alone.
    return {
      verdict: null,
      confidence,
      reasons: [],
      raw,
      warnings,
    };
  }

  return async function checkLiveness(
    request: MediaLivenessRequest<ValidatedMedia>,
    ctx: CallContext,
  ): Promise<LivenessObservation> {
    const warnings: Warning[] = [];
    const options = readProviderOptions(
      DECENTRO_PROVIDER_ID,
      livenessCallOptionsSchema,
      request.providerOptions,
      warnings,
    );
    if (request.challenge) {
      warnings.push({
        type: 'unsupported_option',
        message: 'decentro ignores the challenge: its image and video checks are passive',
      });
    }
    const media = request.media;
    if (media.kind === 'image') {
      const api = options.imageLivenessApi ?? settings.imageLivenessApi;
      const skip = options.skipMetadataValidation ?? settings.skipMetadataValidation;
      return checkImage(media.image, { api, skip }, warnings, ctx);
    }
    if (media.kind === 'video') {
      const skip = options.skipMetadataValidation ?? settings.skipVideoMetadataValidation;
      return checkVideo(media.video, skip, warnings, ctx);
    }
    throw new FacegateError({
      code: 'unsupported_operation',
      message: 'decentro checks a single image or a video clip, not a frame sequence',
      provider: DECENTRO_PROVIDER_ID,
      details: { capability: 'liveness.frames' },
    });
  };
}
