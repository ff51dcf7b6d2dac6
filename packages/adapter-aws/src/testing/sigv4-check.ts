import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// SigV4 as the AWS documentation defines it, written out for the simulator to
// check what a client signed: a presigned WebSocket URL (query-string auth)
// and the chain of signed event-stream messages that follows it.

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The secret half of a credential the simulator knows. */
export interface KnownCredential {
  secretAccessKey: string;
  sessionToken?: string;
}

/** What a valid presigned URL says. */
export interface PresignedRequest {
  accessKeyId: string;
  /** `YYYYMMDD/region/service/aws4_request`. */
  scope: string;
  region: string;
  service: string;
  /** `YYYYMMDDTHHMMSSZ`. */
  longDate: string;
  signature: string;
  sessionToken: string | undefined;
  expiresAt: number;
}

/** The outcome of a check: valid, or why not (the service's error name). */
export type SignatureCheck<T> = { ok: true; value: T } | { ok: false; error: string; message: string };

const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Uint8Array, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 escaping as SigV4 wants it (encodeURIComponent leaves `!'()*` alone). */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function signingKey(secret: string, shortDate: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, shortDate), region), service), 'aws4_request');
}

function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length || !/^[0-9a-f]+$/.test(a)) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

function parseLongDate(longDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(longDate);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/**
 * Check a presigned GET (query-string SigV4): the credential is known, the
 * scope names this region and service, the URL has not expired, the session
 * token matches, and the signature over the canonical request (host as the only
 * signed header, the empty-body hash) is the one the secret produces.
 */
export function checkPresignedUrl(
  url: URL,
  host: string,
  expected: { region: string; service: string; now: number },
  lookup: (accessKeyId: string) => KnownCredential | undefined,
): SignatureCheck<PresignedRequest> {
  const q = url.searchParams;
  const fail = (error: string, message: string) => ({ ok: false as const, error, message });
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    return fail('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const credential = q.get('X-Amz-Credential') ?? '';
  const [accessKeyId = '', ...scopeParts] = credential.split('/');
  const scope = scopeParts.join('/');
  const [shortDate, region, service, terminator] = scopeParts;
  const longDate = q.get('X-Amz-Date') ?? '';
  const signature = q.get('X-Amz-Signature') ?? '';
  const expires = Number(q.get('X-Amz-Expires'));
  if (!shortDate || terminator !== 'aws4_request' || !longDate.startsWith(shortDate))
    return fail('IncompleteSignatureException', 'The credential scope is malformed.');
  if (region !== expected.region || service !== expected.service)
    return fail(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region and service (${expected.region}/${expected.service}).`,
    );
  const signedAt = parseLongDate(longDate);
  if (!Number.isFinite(signedAt) || !Number.isInteger(expires) || expires < 1 || expires > 604_800)
    return fail('IncompleteSignatureException', 'X-Amz-Date or X-Amz-Expires is malformed.');
  if (expected.now > signedAt + expires * 1000) return fail('ExpiredTokenException', 'Signature expired.');
  if (signedAt > expected.now + 5 * 60_000)
    return fail('InvalidSignatureException', 'Signature not yet current (clock skew).');
  if (q.get('X-Amz-SignedHeaders') !== 'host')
    return fail('InvalidSignatureException', 'Only the host header is signed on this endpoint.');
  const known = lookup(accessKeyId);
  if (!known) return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');
  const token = q.get('X-Amz-Security-Token') ?? undefined;
  if (known.sessionToken !== token)
    return fail('UnrecognizedClientException', 'The security token included in the request is invalid.');

  const keys = [...new Set(q.keys())].filter((k) => k !== 'X-Amz-Signature').sort();
  const canonicalQuery = keys
    .flatMap((k) =>
      q
        .getAll(k)
        .map((v) => `${escapeUri(k)}=${escapeUri(v)}`)
        .sort(),
    )
    .join('&');
  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => escapeUri(decodeURIComponent(segment)))
    .join('/');
  // The SDK's WebSocket middleware sets the signed host before the port is added: on an endpoint with a
  // non-default port (a local simulator) it signs the bare host name, while the browser sends host:port.
  const hosts = [host.trim(), host.trim().replace(/:\d+$/, '')].filter((h, i, all) => all.indexOf(h) === i);
  const key = signingKey(known.secretAccessKey, shortDate, region, service);
  const matches = hosts.some((h) => {
    const canonicalRequest = ['GET', canonicalPath, canonicalQuery, `host:${h}`, '', 'host', EMPTY_SHA256].join('\n');
    const stringToSign = ['AWS4-HMAC-SHA256', longDate, scope, sha256Hex(canonicalRequest)].join('\n');
    return sameHex(signature, hmac(key, stringToSign).toString('hex'));
  });
  if (!matches)
    return fail(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
    );
  return {
    ok: true,
    value: {
      accessKeyId,
      scope,
      region,
      service,
      longDate,
      signature,
      sessionToken: token,
      expiresAt: signedAt + expires * 1000,
    },
  };
}

/**
 * Check one signed event-stream message (the envelope a SigV4 event-stream
 * client wraps each event in): its `:chunk-signature` must chain from the prior
 * signature over the `:date` header bytes and the payload.
 */
export function checkEventSignature(input: {
  priorSignature: string;
  /** The envelope's `:date` header, exactly as encoded. */
  dateHeaderBytes: Uint8Array;
  date: Date;
  payload: Uint8Array;
  chunkSignature: string;
  region: string;
  service: string;
  secretAccessKey: string;
}): boolean {
  const iso = input.date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const shortDate = iso.slice(0, 8);
  const scope = `${shortDate}/${input.region}/${input.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256-PAYLOAD',
    iso,
    scope,
    input.priorSignature,
    sha256Hex(input.dateHeaderBytes),
    sha256Hex(input.payload),
  ].join('\n');
  const computed = hmac(
    signingKey(input.secretAccessKey, shortDate, input.region, input.service),
    stringToSign,
  ).toString('hex');
  return sameHex(input.chunkSignature, computed);
}
