import { sessionClientInfoSchema, sessionClientReportSchema } from '@facegate/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FlowError } from '../../flow/flow-error';
import type { SignupFlow } from '../../flow/signup-flow';
import { sessionIdFromToken } from '../../flow/signup-flow';
import {
  challengeSchema,
  documentBodySchema,
  emptyBodySchema,
  errorSchema,
  framesBodySchema,
  MAX_DOCUMENT_BYTES,
  MAX_FRAME_BYTES,
  MAX_FRAMES,
  registerBodySchema,
  sessionViewSchema,
  startBodySchema,
  stepResponseSchema,
} from '../schemas';
import { readSessionToken, setSessionCookie } from '../session-token';

/** Options for the signup routes. */
export interface SignupRoutesOptions {
  flow: SignupFlow;
  secureCookies: boolean;
  /** Verification requests per minute per signup session. */
  perSessionLimit: number;
}

const errors = {
  400: errorSchema,
  401: errorSchema,
  409: errorSchema,
  410: errorSchema,
  413: errorSchema,
  429: errorSchema,
  503: errorSchema,
};

/** The signup API: one route per step, all state kept on the server. */
export const signupRoutes: FastifyPluginAsyncZod<SignupRoutesOptions> = async (
  app,
  { flow, secureCookies, perSessionLimit },
) => {
  const token = (request: Parameters<typeof readSessionToken>[0]) => readSessionToken(request);
  // Verification calls are also limited per signup session, not only per IP.
  const perSession = {
    rateLimit: {
      max: perSessionLimit,
      timeWindow: 60_000,
      keyGenerator: (request: Parameters<typeof readSessionToken>[0]) => {
        const t = readSessionToken(request);
        return t ? `session:${sessionIdFromToken(t)}` : `ip:${request.ip}`;
      },
    },
  };

  app.post(
    '/sessions',
    {
      schema: {
        tags: ['signup'],
        summary: 'Start a signup',
        description:
          'Creates a signup session. The token is set as an httpOnly cookie, or returned in the body when `auth` is `bearer` (for API clients).',
        body: startBodySchema,
        response: { 201: z.object({ session: sessionViewSchema, token: z.string().optional() }), ...errors },
      },
    },
    async (request, reply) => {
      const { token: newToken, view } = await flow.start();
      const auth = request.body?.auth ?? 'cookie';
      if (auth === 'cookie') setSessionCookie(reply, newToken, new Date(view.expiresAt), secureCookies);
      return reply.code(201).send(auth === 'bearer' ? { session: view, token: newToken } : { session: view });
    },
  );

  app.get(
    '/sessions/current',
    {
      schema: {
        tags: ['signup'],
        summary: 'Where the signup stands',
        response: { 200: z.object({ session: sessionViewSchema }), ...errors },
      },
    },
    async (request) => ({ session: await flow.status(token(request)) }),
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        tags: ['signup'],
        summary: 'Cancel the signup',
        description: 'Closes the signup and deletes its images at once. Cancelling a closed signup changes nothing.',
        response: { 200: z.object({ session: sessionViewSchema }), ...errors },
      },
    },
    async (request) => ({ session: await flow.cancel(token(request)) }),
  );

  app.post(
    '/steps/restart',
    {
      schema: {
        tags: ['signup'],
        summary: 'Restart the current step',
        description:
          'Gives the current step a fresh deadline and voids any challenge or vendor session. Attempts used are kept.',
        body: emptyBodySchema,
        response: { 200: z.object({ session: sessionViewSchema }), ...errors },
      },
    },
    async (request) => ({ session: await flow.restartStep(token(request)) }),
  );

  app.post(
    '/liveness/challenge',
    {
      config: perSession,
      schema: {
        tags: ['liveness'],
        summary: 'Get a liveness challenge (media shape)',
        description:
          'Issues the random action sequence and nonce the next frames must answer. Each new challenge voids the previous one.',
        body: emptyBodySchema,
        response: { 200: z.object({ challenge: challengeSchema }), ...errors },
      },
    },
    async (request) => ({ challenge: await flow.issueChallenge(token(request)) }),
  );

  app.post(
    '/liveness/frames',
    {
      config: perSession,
      // A submission refused before the flow sees it (unreadable body, content type, size, schema) spends
      // its challenge too: a nonce is single-use whatever the outcome. The flow spends it for everything else.
      onError: async (request, _reply, error) => {
        if (error instanceof FlowError) return;
        await flow.voidChallenge(token(request)).catch(() => {});
      },
      bodyLimit: Math.ceil(MAX_FRAMES * MAX_FRAME_BYTES * 1.37) + 10_000,
      schema: {
        tags: ['liveness'],
        summary: 'Send the frames answering the challenge',
        description: `Up to ${MAX_FRAMES} frames (each ≤ ${MAX_FRAME_BYTES} bytes) with capture times in ms since the challenge was shown. The server runs the liveness check itself.`,
        body: framesBodySchema,
        response: { 200: stepResponseSchema, ...errors },
      },
    },
    async (request) => flow.submitFrames(token(request), request.body),
  );

  app.post(
    '/liveness/vendor-session',
    {
      config: perSession,
      schema: {
        tags: ['liveness'],
        summary: "Start the vendor's liveness session (session shape)",
        description:
          'For vendors whose own browser component captures the video (AWS, Azure). Returns what that component needs; never server credentials.',
        body: emptyBodySchema,
        response: { 200: z.object({ client: sessionClientInfoSchema, expiresAt: z.string() }), ...errors },
      },
    },
    async (request) => flow.createVendorSession(token(request)),
  );

  app.post(
    '/liveness/vendor-session/result',
    {
      config: perSession,
      schema: {
        tags: ['liveness'],
        summary: "Fetch the vendor session's verdict",
        description:
          "Call when the vendor component reports it is done, with what the component handed back (`report`: Azure's result digest). The server asks the vendor itself; a verdict sent by the browser is never accepted. 202 while the vendor is still processing.",
        body: z.strictObject({ report: sessionClientReportSchema.optional() }).optional(),
        response: {
          200: stepResponseSchema,
          202: z.object({ pending: z.literal(true), session: sessionViewSchema }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const result = await flow.completeVendorSession(token(request), request.body?.report);
      return 'pending' in result ? reply.code(202).send(result) : reply.send(result);
    },
  );

  app.post(
    '/document',
    {
      config: perSession,
      bodyLimit: Math.ceil(MAX_DOCUMENT_BYTES * 1.37) + 10_000,
      schema: {
        tags: ['document'],
        summary: 'Upload the ID document photo',
        description:
          'JPEG, PNG or WebP up to 8 MB, at least 240×240. The orientation is corrected and the single face cropped; no face or several faces ask for another photo.',
        body: documentBodySchema,
        response: { 200: stepResponseSchema.extend({ preview: z.string().nullable() }), ...errors },
      },
    },
    async (request) => flow.submitDocument(token(request), request.body),
  );

  app.post(
    '/match',
    {
      config: perSession,
      schema: {
        tags: ['checks'],
        summary: 'Compare the live face with the document face',
        body: emptyBodySchema,
        response: { 200: stepResponseSchema, ...errors },
      },
    },
    async (request) => flow.runMatch(token(request)),
  );

  app.post(
    '/uniqueness',
    {
      config: perSession,
      schema: {
        tags: ['checks'],
        summary: 'Check the face is not registered already',
        description: 'A duplicate is refused without saying who matched.',
        body: emptyBodySchema,
        response: { 200: stepResponseSchema, ...errors },
      },
    },
    async (request) => flow.runUniqueness(token(request)),
  );

  app.post(
    '/register',
    {
      config: perSession,
      schema: {
        tags: ['signup'],
        summary: 'Register (only after every check passed)',
        body: registerBodySchema,
        response: { 201: z.object({ userId: z.string(), session: sessionViewSchema }), ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await flow.register(token(request), request.body)),
  );
};
