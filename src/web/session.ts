import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/staff.ts';
import type { Services } from '../deps.ts';

// Who is asking: a staff session cookie for pages, a bearer token for the API.
export const sessionCookie = 'onestop_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** Served to anyone: sign-in, health checks, assets. Everything else needs a signed-in actor. */
    public?: boolean;
  }
}

const publicPrefixes = ['/assets/', '/javascripts/', '/static/', '/stylesheets/'];

export function isPublic(request: FastifyRequest): boolean {
  if (request.routeOptions.config?.public) return true;
  return publicPrefixes.some((prefix) => request.url.startsWith(prefix));
}

export function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

export async function identify(request: FastifyRequest, services: Services): Promise<void> {
  request.actor = undefined;
  request.sessionToken = undefined;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    request.actor = await services.staff.resolveApiToken(header.slice(7).trim());
    return;
  }
  // A cookie is sent by the browser on its own, so it only authorises the API's reads; writes need a bearer token.
  if (isApi(request) && request.method !== 'GET' && request.method !== 'HEAD') return;
  const token = request.cookies[sessionCookie];
  if (token) {
    request.actor = await services.staff.resumeSession(token, isApi(request) ? 'api' : 'web');
    if (request.actor) request.sessionToken = token;
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(sessionCookie, token, { httpOnly: true, secure, sameSite: 'lax', path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Only same-site paths may follow sign-in, so a crafted link cannot send staff elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/people';
}
