import type { FastifyReply, FastifyRequest } from 'fastify';

/** Name of the cookie holding the signup session token. */
export const SESSION_COOKIE = 'fg_signup';

/** The session token from the cookie, or from `Authorization: Bearer` for API clients. */
export function readSessionToken(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return request.cookies[SESSION_COOKIE] ?? '';
}

/** Set the session cookie: httpOnly, SameSite=Strict, scoped to the signup API, Secure over https. */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/api/signup',
    expires: expiresAt,
  });
}
