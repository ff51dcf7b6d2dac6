import { CHALLENGE_ACTIONS, DECISION_OUTCOMES, LIGHT_COLORS, REASON_CODES } from '@facegate/core';
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * An image sent as base64 (a `data:image/…;base64,` prefix is allowed) and
 * decoded to bytes. Its real format is checked from the bytes later.
 */
export function base64Image(maxBytes: number) {
  return z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 100, `image larger than ${maxBytes} bytes`)
    .transform((value, ctx) => {
      const payload = value.replace(/^data:image\/[a-z0-9.+-]+;base64,/i, '');
      if (payload.length === 0 || payload.length % 4 !== 0 || !BASE64.test(payload)) {
        ctx.addIssue({ code: 'custom', message: 'not valid base64' });
        return z.NEVER;
      }
      return new Uint8Array(Buffer.from(payload, 'base64'));
    })
    .meta({ description: 'Image bytes as base64 (JPEG, PNG or WebP), optionally as a data URL', format: 'byte' });
}

export const reasonSchema = z.enum(REASON_CODES);
export const outcomeSchema = z.enum(DECISION_OUTCOMES);
const stepSchema = z.enum(['liveness', 'document', 'match', 'uniqueness', 'register', 'done']);
const attemptsSchema = z.object({ liveness: z.number().int(), document: z.number().int(), match: z.number().int() });

export const sessionViewSchema = z
  .object({
    status: z.enum(['active', 'completed', 'failed', 'needs_review']),
    step: stepSchema,
    stepDeadline: z.string().meta({ format: 'date-time' }),
    expiresAt: z.string().meta({ format: 'date-time' }),
    attemptsLeft: attemptsSchema,
    results: z.record(z.string(), z.object({ outcome: outcomeSchema, reasons: z.array(reasonSchema) })),
    failureReason: z.string().nullable(),
    registered: z.boolean(),
  })
  .meta({ id: 'SessionView', description: 'Where a signup stands. Never contains images or scores.' });

export const stepResponseSchema = z
  .object({
    outcome: outcomeSchema,
    reasons: z.array(reasonSchema),
    attemptsLeft: z.number().int().nullable(),
    session: sessionViewSchema,
  })
  .meta({
    id: 'StepResponse',
    description: 'What a check decided (pass / retry / review / reject), with reason codes.',
  });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      alternatePath: z.object({ retryAfterSeconds: z.number().int(), assistedSignupUrl: z.string() }).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const startBodySchema = z
  .object({ auth: z.enum(['cookie', 'bearer']).default('cookie') })
  .strict()
  .default({ auth: 'cookie' });

export const challengeSchema = z
  .object({
    nonce: z.string(),
    steps: z.array(z.enum(CHALLENGE_ACTIONS)),
    stepTimeoutMs: z.number().int(),
    expiresAt: z.string(),
    schedule: z
      .object({
        promptsAtMs: z
          .array(z.number().int())
          .describe("When each step's prompt shows, ms after the challenge is shown"),
        endMs: z.number().int().describe('When the capture ends'),
      })
      .optional(),
    light: z
      .object({
        segments: z.array(z.object({ color: z.enum(LIGHT_COLORS), fromMs: z.number().int() })),
      })
      .optional()
      .describe('Colours to show full-screen while capturing, each from its fromMs until the next'),
  })
  .meta({ id: 'Challenge', description: 'Actions to perform in order; frames must carry this nonce.' });

/** Most frames one submission may carry. */
export const MAX_FRAMES = 60;
/** Most bytes one frame may have. */
export const MAX_FRAME_BYTES = 600 * 1024;
/** Most bytes an ID document photo may have. */
export const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;

export const framesBodySchema = z
  .object({
    nonce: z.string().regex(/^[0-9a-f]{32}$/, 'nonce of the current challenge'),
    frames: z
      .array(
        z
          .object({ image: base64Image(MAX_FRAME_BYTES), capturedAtMs: z.number().finite().min(0).max(600_000) })
          .strict(),
      )
      .min(1)
      .max(MAX_FRAMES),
  })
  .strict();

export const documentBodySchema = z
  .object({ image: base64Image(MAX_DOCUMENT_BYTES), filename: z.string().max(200).optional() })
  .strict();

// One name part: a letter of any script with at most three combining marks each, optionally ending in a period (initials).
const NAME_PART = String.raw`(?:\p{L}\p{M}{0,3})+\.?`;
const PERSON_NAME = new RegExp(`^${NAME_PART}(?:[ '’-]${NAME_PART})*$`, 'u');
const MAX_NAME = 120;

/**
 * A person's name as stored: NFC, letters and combining marks of any script,
 * parts joined by ONE space, hyphen or apostrophe; initials may end in a
 * period. Everything else is refused rather than cleaned: control characters
 * (NUL, ESC, BEL), format characters (bidi overrides such as U+202E, zero-width
 * joiners, BOM), unassigned code points, surrogates, private use, line or
 * paragraph separators, non-breaking spaces, digits, symbols and markup.
 * Only ASCII spaces at either end are trimmed (`String.trim` would silently
 * eat a BOM or a non-breaking space).
 */
export function personName() {
  return z
    .string()
    .max(MAX_NAME * 4)
    .transform((value) => value.replace(/^ +| +$/g, '').normalize('NFC'))
    .pipe(
      z
        .string()
        .min(1, 'a name is required')
        .max(MAX_NAME)
        .regex(PERSON_NAME, 'letters of any script, parts joined by one space, hyphen or apostrophe'),
    )
    .meta({
      description:
        'Letters and combining marks of any script, parts joined by one space, hyphen or apostrophe (initials may end in a period); at most 120 characters after NFC. Control, format and bidi characters are refused.',
    });
}

export const registerBodySchema = z
  .object({
    fullName: personName(),
    email: z.string().trim().max(254).email(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'digits, spaces, ( ) - and an optional leading +')
      .optional(),
  })
  .strict();

export const emptyBodySchema = z.object({}).strict().optional();
