import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiGrant } from '../access/api-token.ts';
import type { Actor } from '../access/staff.ts';
import type { Services } from '../deps.ts';
import { Unauthenticated } from '../errors.ts';

// Who is asking: a staff session cookie for pages, a bearer token for the API.
export const sessionCookie = 'onestop_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    sessionToken: string | undefined;
    /** What the bearer token of an API call may do; undefined for a session cookie. */
    apiGrant: ApiGrant | undefined;
    /** When the session ends if nothing more happens, for the page's timeout warning. */
    sessionTimeout: SessionTimeout | undefined;
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

/** Seconds until the session ends without activity; whether asking for more time can put that off. */
export type SessionTimeout = { secondsLeft: number; canExtend: boolean };

/**
 * Finds who is asking on every request. A session's request is activity, so it puts off the idle timeout: without
 * JavaScript, every page load gives more time; with it, the page warns before the end and offers more.
 */
export async function identify(request: FastifyRequest, services: Services): Promise<void> {
  request.actor = undefined;
  request.sessionToken = undefined;
  request.apiGrant = undefined;
  request.sessionTimeout = undefined;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const resolved = await services.staff.resolveApiGrant(header.slice(7).trim());
    request.actor = resolved?.actor;
    request.apiGrant = resolved?.grant;
    return;
  }
  // A cookie is sent by the browser on its own, so it only authorises the API's reads; writes need a bearer token.
  if (isApi(request) && request.method !== 'GET' && request.method !== 'HEAD') return;
  const token = request.cookies[sessionCookie];
  if (!token) return;
  const session = await services.staff.continueSession(token, isApi(request) ? 'api' : 'web');
  if (!session) return;
  request.actor = session.actor;
  request.sessionToken = token;
  request.sessionTimeout = {
    secondsLeft: Math.max(0, Math.floor((session.endsAt.getTime() - services.clock.now().getTime()) / 1000)),
    canExtend: session.canExtend,
  };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(sessionCookie, token, { httpOnly: true, secure, sameSite: 'lax', path: '/', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookie, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** A sign-in part-way through (a code awaited, or a trip to the identity provider), for the sign-in pages only. */
export const challengeCookie = 'onestop_sign_in';

export function setChallengeCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(challengeCookie, token, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: 600 });
}

export function clearChallengeCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(challengeCookie, { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}

/** Only same-site paths may follow sign-in, so a crafted link cannot send staff elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/people';
}

/** The signed-in actor of a request that the sign-in hook has let through. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}
