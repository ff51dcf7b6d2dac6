import { z } from 'zod';

/** Rekognition's quality filters for faces before comparison, indexing or search. */
export const QUALITY_FILTERS = ['NONE', 'AUTO', 'LOW', 'MEDIUM', 'HIGH'] as const;

const qualityFilter = z.enum(QUALITY_FILTERS).optional();

/** Settings of a Face Liveness session (`CreateFaceLivenessSession` `Settings`, `KmsKeyId`). */
export const livenessSettingsSchema = z.object({
  /** Audit images to return, 0–4 (Rekognition's default 0; best effort). */
  auditImagesLimit: z.number().int().min(0).max(4).optional(),
  /** Store reference and audit images in this S3 bucket (same account and region) instead of returning bytes. */
  outputConfig: z
    .strictObject({ s3Bucket: z.string().min(1).max(255), s3KeyPrefix: z.string().min(1).max(950).optional() })
    .optional(),
  /** KMS key to encrypt the stored images. */
  kmsKeyId: z.string().min(1).max(2048).optional(),
  /** Preferred challenge types and versions (Rekognition's default: FaceMovementAndLightChallenge). */
  challengePreferences: z
    .array(
      z.strictObject({
        type: z.enum(['FaceMovementAndLightChallenge', 'FaceMovementChallenge']),
        versions: z
          .strictObject({ minimum: z.string().min(1).optional(), maximum: z.string().min(1).optional() })
          .optional(),
      }),
    )
    .min(1)
    .optional(),
});
/** Liveness session settings, as factory defaults or per-call `providerOptions.aws`. */
export type AwsLivenessSettings = z.infer<typeof livenessSettingsSchema>;

/** `providerOptions.aws` for `compareFaces`. */
export const compareOptionsSchema = z.object({
  /** Rekognition's `QualityFilter` (not sent unless set; Rekognition's default is NONE). */
  qualityFilter,
});

/** `providerOptions.aws` for `indexFace`. */
export const indexOptionsSchema = z.object({
  /** Rekognition's `QualityFilter` (the adapter sends AUTO unless set). */
  qualityFilter,
});

/** `providerOptions.aws` for `searchFaces`. */
export const searchOptionsSchema = z.object({
  /** Rekognition's `QualityFilter` (not sent unless set; Rekognition's default is NONE). */
  qualityFilter,
});

/** For operations without AWS-specific options: every key given is warned about. */
export const noOptionsSchema = z.object({});

/** `providerOptions.aws` for a Rekognition call, by operation. */
export type AwsProviderCallOptions = {
  createLivenessSession: AwsLivenessSettings;
  compareFaces: z.infer<typeof compareOptionsSchema>;
  indexFace: z.infer<typeof indexOptionsSchema>;
  searchFaces: z.infer<typeof searchOptionsSchema>;
};
