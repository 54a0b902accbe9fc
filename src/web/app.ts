import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { defaultAuthConfig, type Config } from '../config.ts';
import type { Services } from '../deps.ts';
import { can } from '../access/policy.ts';
import type { Actor } from '../access/staff.ts';
import { enforceRoutePolicy } from '../access/route-policy.ts';
import { refuseNulCharacters } from './input-guard.ts';
import { DomainError, httpStatusOf } from '../errors.ts';
import { registerApi } from '../api/api.ts';
import { registerAssets } from './assets.ts';
import { registerAuthRoutes } from './auth.routes.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerImportRoutes } from './imports/imports.routes.ts';
import { registerIdentityRoutes } from './people/identity.routes.ts';
import { registerPeopleRoutes } from './people/people.routes.ts';
import { registerReviewRoutes } from './reviews/reviews.routes.ts';
import { registerMatchingRoutes } from './matching/matching.routes.ts';
import { registerAccessRoutes } from './access/access.routes.ts';
import { registerPrivacyRoutes } from './privacy/privacy.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerCatalogueRoutes } from './catalogue/catalogue.routes.ts';
import { registerWebhookRoutes } from './integration/webhooks.routes.ts';
import { registerVisitRoutes } from './visits/visits.routes.ts';
import { registerCaseRoutes } from './cases/cases.routes.ts';
import { registerDeskRoutes } from './desk/desk.routes.ts';
import { createRenderer } from './render.ts';
import { csrfTokenOf } from './csrf.ts';
import { identify, isApi, isPublic } from './session.ts';

export type DemoAccount = { email: string; password: string; role: string };
export type AppOptions = {
  services: Services;
  /** Sign-in settings (src/config.ts); any left out take their defaults. */
  config: Pick<Config, 'cookieSecure' | 'councilName' | 'dataDir'> & { auth?: Partial<Config['auth']> };
  /** Log level, or false for none (tests). */
  logLevel?: string | false;
  demoAccounts?: DemoAccount[];
};

export type PageContext = Record<string, unknown>;

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, context?: PageContext, status?: number): FastifyReply;
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  // Errors the router meets before any route (a URL too long or malformed) are answered like any other.
  const app = Fastify({ logger: loggerOptions(options.logLevel ?? false), requestTimeout: 120_000, frameworkErrors: (error, request, reply) => handleError(error, request, reply) });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  // The import form sends two file parts, even when one is left empty: the extract and an optional mapping file.
  await app.register(fastifyMultipart, { limits: { fileSize: 4 * 1024 ** 3, files: 2, fields: 10 } });
  await app.register(fastifyCsrf, { getToken: csrfTokenOf, cookieOpts: { httpOnly: true, sameSite: 'strict', secure: options.config.cookieSecure, path: '/' } });
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionToken', undefined);

  const renderer = createRenderer();
  const demoAccounts = options.demoAccounts ?? [];
  app.decorateReply('page', function page(this: FastifyReply, template: string, context: PageContext = {}, status = 200) {
    const request = this.request;
    const html = renderer.render(template, {
      councilName: options.config.councilName,
      actor: request.actor,
      navigation: request.actor ? navigationFor(request.actor, request.url.split('?')[0] ?? '/') : [],
      demoAccounts,
      isDemo: demoAccounts.length > 0,
      csrfToken: this.generateCsrf(),
      sessionTimeout: request.sessionTimeout,
      currentPath: request.url.split('?')[0],
      ...context,
    });
    return this.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });

  app.addHook('onRequest', async (request, reply) => {
    await identify(request, options.services);
    if (request.actor || isPublic(request)) return;
    if (isApi(request)) return sendProblem(reply, 401, 'Sign in required', 'Send a bearer token (onestop token create) or sign in.');
    const next = encodeURIComponent(request.url);
    return reply.redirect(`/sign-in?next=${next}`, 303);
  });
  // Then what the signed-in actor may do on this route, from the one table (src/access/route-policy.ts).
  enforceRoutePolicy(app);
  refuseNulCharacters(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  app.setErrorHandler((error, request, reply) => handleError(error, request, reply));
  app.setNotFoundHandler((request, reply) => {
    if (isApi(request)) return sendProblem(reply, 404, 'Not found', `There is nothing at ${request.url.split('?')[0]}.`);
    return reply.page('errors/not-found.njk', {}, 404);
  });

  await registerAssets(app);
  await registerApi(app, options.services, path.join(options.config.dataDir, 'uploads'), { callsPerMinute: options.config.auth?.apiCallsPerMinute ?? defaultAuthConfig.apiCallsPerMinute });
  await registerHealthRoutes(app, options.services);
  await registerAuthRoutes(app, options.services, options.config);
  await registerPeopleRoutes(app, options.services);
  await registerIdentityRoutes(app, options.services);
  await registerReviewRoutes(app, options.services);
  await registerMatchingRoutes(app, options.services);
  await registerAccessRoutes(app, options.services);
  await registerAuditRoutes(app, options.services);
  await registerCatalogueRoutes(app, options.services);
  await registerWebhookRoutes(app, options.services);
  await registerVisitRoutes(app, options.services, { cookieSecure: options.config.cookieSecure });
  await registerCaseRoutes(app, options.services);
  await registerDeskRoutes(app, options.services);
  await registerImportRoutes(app, options.services, options.config);
  await registerPrivacyRoutes(app, options.services, options.config.councilName);
  app.get('/', async (_request, reply) => reply.redirect('/people', 303));
  return app;
}

/** Personal data stays out of the logs: no query strings (searches hold names), no cookies, no tokens. */
export function loggerOptions(level: string | false): FastifyServerOptions['logger'] {
  if (level === false) return false;
  return {
    level,
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({ id: request.id, method: request.method, path: request.url.split('?')[0] }),
    },
    redact: ['req.headers.cookie', 'req.headers.authorization'],
  };
}

export function sendProblem(reply: FastifyReply, status: number, title: string, detail: string, extra: Record<string, unknown> = {}): FastifyReply {
  return reply.code(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }));
}

const problemTitles: Record<DomainError['code'], string> = {
  validation: 'Invalid input', not_found: 'Not found', conflict: 'Conflict', forbidden: 'Forbidden', unauthenticated: 'Sign in required',
};

function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const api = isApi(request);
  if (error instanceof DomainError) {
    const status = httpStatusOf(error);
    if (api) return sendProblem(reply, status, problemTitles[error.code], error.message, error.details ?? {});
    return reply.page('errors/problem.njk', { status, message: error.message }, status);
  }
  const fastifyError = error as { statusCode?: number; validation?: unknown; message?: string; code?: string };
  // A form or query a route parsed itself with zod: the request was wrong, not the service.
  if (error instanceof ZodError) {
    if (api) return sendProblem(reply, 400, 'Invalid request', 'The request is not valid.', { errors: error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })) });
    return reply.page('errors/problem.njk', { status: 400, message: 'The request was not valid.' }, 400);
  }
  if (fastifyError.validation) {
    if (api) return sendProblem(reply, 400, 'Invalid request', fastifyError.message ?? 'The request is not valid.', { errors: fastifyError.validation });
    return reply.page('errors/problem.njk', { status: 400, message: 'The request was not valid.' }, 400);
  }
  if (fastifyError.code === 'FST_CSRF_INVALID_TOKEN' || fastifyError.code === 'FST_CSRF_MISSING_SECRET') {
    return reply.page('errors/problem.njk', { status: 403, message: 'The form had expired. Go back, refresh the page and try again.' }, 403);
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status === 500) request.log.error({ err: error }, 'request failed');
  if (api) return sendProblem(reply, status, status === 500 ? 'Internal error' : 'Bad request', status === 500 ? 'Something went wrong. It has been logged.' : (fastifyError.message ?? 'Bad request'));
  return reply.page('errors/problem.njk', { status, message: status === 500 ? 'Sorry, there is a problem with the service. Try again later.' : (fastifyError.message ?? 'The request was not valid.') }, status);
}

/** The service navigation: what this member of staff may use, from the policy table. */
function navigationFor(actor: Actor, currentPath: string): Array<{ href: string; text: string; active: boolean }> {
  const items: Array<{ href: string; text: string; show: boolean }> = [
    { href: '/people', text: 'Find a resident', show: true },
    { href: '/desk', text: 'Desk', show: can(actor, 'contact.record') },
    { href: '/cases', text: 'Cases', show: can(actor, 'case.work') },
    { href: '/queues', text: 'Queues', show: can(actor, 'case.oversee') },
    { href: '/one-stop-shop', text: 'One Stop Shop', show: can(actor, 'visit.manage') },
    { href: '/services', text: 'Services', show: can(actor, 'catalogue.view') },
    { href: '/reviews', text: 'Review matches', show: can(actor, 'review.decide') },
    { href: '/imports', text: 'Imports', show: can(actor, 'import.view') },
    { href: '/audit', text: 'Audit trail', show: can(actor, 'audit.read') },
    { href: '/admin/systems', text: 'Administration', show: can(actor, 'system.manage') },
  ];
  const section = (href: string) => href.split('/')[1] ?? '';
  return items.filter((item) => item.show).map(({ href, text }) => ({ href, text, active: section(currentPath) === section(href) }));
}
