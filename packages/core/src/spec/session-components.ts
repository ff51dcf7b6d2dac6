import { z } from 'zod';

/**
 * The browser components that run a vendor's liveness session, by the name an
 * adapter puts in `client.component`. One table, so the adapters (which fill
 * the payload), the client (which checks it) and a web page (which mounts the
 * component) cannot drift apart. An adapter with a new component adds its
 * member here.
 */
export const SESSION_COMPONENTS = {
  /** Amplify's `FaceLivenessDetectorCore` (`@aws-amplify/ui-react-liveness`), streaming to Rekognition. */
  aws: 'aws-amplify-face-liveness',
  /** Azure's web liveness SDK (`azure-ai-vision-face-ui`, distributed by Microsoft to approved accounts). */
  azure: 'azure-face-liveness',
  /** The scenario provider's stand-in (tests and demos): no capture. */
  scenario: 'scenario',
} as const;
/** A session component name. */
export type SessionComponentName = (typeof SESSION_COMPONENTS)[keyof typeof SESSION_COMPONENTS];

const sessionId = z.string().min(1).max(256);

/**
 * What Amplify's component needs: the session id and region, and where it
 * streams when that is not Rekognition's public endpoint (a local simulator or
 * a proxy; Amplify's `config.endpointOverride`). AWS credentials are not part
 * of it: the page asks its server for short-lived ones when the component
 * calls its credential provider.
 */
export const awsAmplifyClientSchema = z.strictObject({
  component: z.literal(SESSION_COMPONENTS.aws),
  sessionId,
  region: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)+$/),
  /** `https://host[:port]`: the streaming endpoint to use instead of `streaming-rekognition.<region>.amazonaws.com`. */
  endpointOverride: z.url({ protocol: /^https$/ }).optional(),
});

/** What Azure's web SDK needs: the session's short-lived auth token (never the resource key). */
export const azureFaceClientSchema = z.strictObject({
  component: z.literal(SESSION_COMPONENTS.azure),
  sessionId,
  /** Handed to the SDK's `start(authToken)`; valid for the session's TTL and revoked when the session is deleted. */
  authToken: z.string().min(1),
  /** Whether the session also compares the face with a reference image. */
  withVerify: z.boolean(),
  livenessOperationMode: z.enum(['Passive', 'PassiveActive']),
});

/** The scenario provider's stand-in component. */
export const scenarioClientSchema = z.strictObject({
  component: z.literal(SESSION_COMPONENTS.scenario),
  sessionId,
  token: z.string().min(1),
});

/**
 * What the browser needs to run the vendor's own liveness component, keyed by
 * `component`. Never server credentials: only ids and short-lived client
 * tokens; the members are strict, so an adapter cannot add a field by mistake.
 */
export const sessionClientInfoSchema = z.discriminatedUnion('component', [
  awsAmplifyClientSchema,
  azureFaceClientSchema,
  scenarioClientSchema,
]);
/** Data handed to the browser-side vendor component. */
export type SessionClientInfo = z.infer<typeof sessionClientInfoSchema>;
/** The `client` payload of one component. */
export type SessionClientFor<N extends SessionComponentName> = Extract<SessionClientInfo, { component: N }>;

/**
 * What the browser reports back when its component finished, keyed by
 * `component`: nothing for Amplify (the verdict lives only at Rekognition),
 * the SDK's result digest for Azure (compared with the session result's
 * `digest`: a mismatch means the result the browser saw is not this session's).
 * Never a verdict: the server always fetches that from the vendor.
 */
export const sessionClientReportSchema = z.discriminatedUnion('component', [
  z.strictObject({ component: z.literal(SESSION_COMPONENTS.aws) }),
  z.strictObject({
    component: z.literal(SESSION_COMPONENTS.azure),
    /** `LivenessDetectionSuccess.digest` from the web SDK; absent when the SDK gave none. */
    digest: z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{1,256}$/)
      .optional(),
  }),
  z.strictObject({ component: z.literal(SESSION_COMPONENTS.scenario) }),
]);
/** The browser's report on a finished component run. */
export type SessionClientReport = z.infer<typeof sessionClientReportSchema>;
/** The report of one component. */
export type SessionClientReportFor<N extends SessionComponentName> = Extract<SessionClientReport, { component: N }>;
