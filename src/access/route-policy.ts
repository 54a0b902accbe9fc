import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden } from '../errors.ts';
import { authorize, type Action } from './policy.ts';

// Which action of the policy table each route of the web and API doors needs, checked in one hook before the route
// runs (and before its body is read or validated). 'public' routes are served to anyone; 'signed_in' ones to any
// member of staff, for their own session and account. A route missing here is refused to everyone until it is
// given a line, and test/security/route-policy.test.ts names it: add new routes here as you add them. (The single
// sign-on callback's path is configured, so it is let through by its own `public` flag.)

export type RouteRule = Action | 'public' | 'signed_in';

export const routePolicy: Readonly<Record<string, RouteRule>> = {
  // Signing in, health checks, assets and the API's description.
  'GET /sign-in': 'public',
  'POST /sign-in': 'public',
  'GET /sign-in/code': 'public',
  'POST /sign-in/code': 'public',
  'POST /sign-in/council-account': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /stylesheets/govuk-frontend.css': 'public',
  'GET /stylesheets/moj-frontend.css': 'public',
  'GET /assets/*': 'public',
  'GET /javascripts/vendor/*': 'public',
  'GET /static/*': 'public',
  'GET /api/v1/openapi.json': 'public',
  // A member of staff's own session and account.
  'GET /': 'signed_in',
  'POST /sign-out': 'signed_in',
  'POST /session/extend': 'signed_in',
  'GET /account/two-factor': 'signed_in',
  'POST /account/two-factor': 'signed_in',
  // Residents.
  'GET /people': 'person.search',
  'GET /people/:reference': 'person.view',
  'GET /people/:reference/records': 'person.view',
  'GET /people/:reference/addresses': 'person.view',
  'GET /people/:reference/history': 'person.view',
  'POST /people/:reference/reveal': 'person.reveal',
  'POST /people/:reference/break-glass': 'person.break_glass',
  'GET /people/:reference/merge': 'identity.change',
  'POST /people/:reference/merge': 'identity.change',
  'POST /people/:reference/split': 'identity.change',
  'POST /changes/:id/undo': 'identity.change',
  // UK GDPR rights (src/web/privacy): the resident's privacy tab, subject access, erasure, retention.
  'GET /people/:reference/privacy': 'person.view',
  'POST /people/:reference/privacy/preferences': 'consent.record',
  'POST /people/:reference/privacy/corrections': 'privacy.rectify',
  'POST /people/:reference/privacy/holds': 'privacy.manage',
  'POST /people/:reference/privacy/holds/:id/release': 'privacy.manage',
  'GET /people/:reference/subject-access': 'privacy.subject_access',
  'GET /people/:reference/subject-access.json': 'privacy.subject_access',
  'GET /people/:reference/subject-access.html': 'privacy.subject_access',
  'GET /people/:reference/erase': 'privacy.erase',
  'POST /people/:reference/erase': 'privacy.erase',
  'GET /privacy': 'privacy.manage',
  'POST /privacy/retention': 'privacy.manage',
  'POST /privacy/retention/run': 'privacy.manage',
  // Matching: the review queue shows both records in full, so only those who decide may open it.
  'GET /reviews': 'review.decide',
  'GET /reviews/:id': 'review.decide',
  'POST /reviews/:id/link': 'review.decide',
  'POST /reviews/:id/not-same': 'review.decide',
  'POST /reviews/:id/skip': 'review.decide',
  'GET /matching': 'matching.view',
  'POST /matching/relink': 'relink.run',
  // Access and administration.
  'GET /break-glass': 'break_glass.review',
  'POST /break-glass/:id/reviewed': 'break_glass.review',
  'GET /admin/systems': 'system.manage',
  'POST /admin/systems/:code': 'system.manage',
  'POST /admin/teams': 'user.manage',
  'GET /admin/staff': 'user.manage',
  'POST /admin/staff/:id/disable': 'user.manage',
  'POST /admin/staff/:id/enable': 'user.manage',
  'GET /admin/webhooks': 'integration.manage',
  'POST /admin/webhooks/deliveries/:id/redrive': 'integration.manage',
  'GET /admin/services': 'catalogue.manage',
  'GET /admin/services/:code': 'catalogue.manage',
  'POST /admin/services/:code': 'catalogue.manage',
  'GET /audit': 'audit.read',
  'GET /audit/verify': 'audit.read',
  // The service catalogue (src/web/catalogue): trying a form stores nothing, so anyone who may read it may.
  'GET /services': 'catalogue.view',
  'GET /services/:code': 'catalogue.view',
  'POST /services/:code': 'catalogue.view',
  // Imports.
  'GET /imports': 'import.view',
  'POST /imports': 'import.run',
  'GET /imports/:id': 'import.view',
  'GET /imports/:id/rejects': 'import.view',
  // The One Stop Shop (src/web/visits): the walk-in queue, visits and appointments, for the front desk.
  'GET /one-stop-shop': 'visit.manage',
  'POST /one-stop-shop/call-next': 'visit.manage',
  'GET /one-stop-shop/tickets/new': 'visit.manage',
  'POST /one-stop-shop/tickets': 'visit.manage',
  'GET /one-stop-shop/visits/:id': 'visit.manage',
  'POST /one-stop-shop/visits/:id/call': 'visit.manage',
  'POST /one-stop-shop/visits/:id/finish': 'visit.manage',
  'POST /one-stop-shop/visits/:id/left': 'visit.manage',
  'GET /one-stop-shop/appointments': 'visit.manage',
  'GET /one-stop-shop/appointments/new': 'visit.manage',
  'POST /one-stop-shop/appointments': 'visit.manage',
  'GET /one-stop-shop/appointments/:id': 'visit.manage',
  'POST /one-stop-shop/appointments/:id/cancel': 'visit.manage',
  'POST /one-stop-shop/appointments/:id/no-show': 'visit.manage',
  'POST /one-stop-shop/appointments/:id/check-in': 'visit.manage',
  // Cases (src/web/cases): anyone may read a case; its team works it (the service checks whose team); team leaders
  // give cases to others and watch every queue.
  'GET /cases': 'case.view',
  'GET /cases/new': 'case.raise',
  'POST /cases/new': 'case.raise',
  'GET /cases/:reference': 'case.view',
  'POST /cases/:reference/status': 'case.work',
  'POST /cases/:reference/notes': 'case.work',
  'POST /cases/:reference/assign': 'case.work',
  'POST /cases/:reference/take': 'case.work',
  'POST /cases/:reference/attachments': 'case.work',
  'GET /cases/:reference/attachments/:id': 'case.view',
  'GET /queues': 'case.oversee',
  'GET /queues/:team': 'case.view',
  // The JSON API (each also needs its token scope: routeScopes in src/api/api.ts).
  'GET /api/v1/people': 'person.search',
  'GET /api/v1/people/:id': 'person.view',
  'GET /api/v1/stats': 'person.search',
  'POST /api/v1/match': 'person.search',
  'GET /api/v1/services': 'catalogue.view',
  'GET /api/v1/services/:code': 'catalogue.view',
  'GET /api/v1/imports': 'import.view',
  'GET /api/v1/imports/:id': 'import.view',
  'POST /api/v1/imports': 'import.run',
  'GET /api/v1/cases': 'case.view',
  'GET /api/v1/cases/:reference': 'case.view',
  'POST /api/v1/cases': 'case.raise',
  'POST /api/v1/cases/:reference/status': 'case.work',
  'POST /api/v1/cases/:reference/notes': 'case.work',
  'POST /api/v1/calls': 'contact.record',
  'POST /api/v1/calls/:callId/end': 'contact.record',
  'POST /api/v1/contacts': 'contact.record',
  'GET /api/v1/people/:id/timeline': 'contact.view',
  // The contact centre's desk.
  'GET /desk': 'contact.record',
  'POST /desk/contacts': 'contact.record',
  'GET /desk/contacts/:id': 'contact.record',
  'POST /desk/contacts/:id/person': 'contact.record',
  'GET /desk/contacts/:id/forms': 'contact.record',
  'POST /desk/contacts/:id/check': 'contact.record',
  'POST /desk/contacts/:id/cases': 'contact.record',
  'GET /desk/contacts/:id/wrap-up': 'contact.record',
  'POST /desk/contacts/:id/wrap-up': 'contact.record',
  'GET /people/:reference/contacts': 'contact.view',
};

/** The key of a route in the table: HEAD is answered by its GET route. */
export function routeKey(method: string, url: string): string {
  return `${method === 'HEAD' ? 'GET' : method} ${url}`;
}

export function ruleFor(method: string, url: string): RouteRule | undefined {
  return routePolicy[routeKey(method, url)];
}

const registered = new WeakMap<FastifyInstance, Map<string, { isPublic: boolean }>>();

/** Every route the app serves, as "METHOD /url" (HEAD included), recorded as each was added. */
export function registeredRoutes(app: FastifyInstance): string[] {
  return [...(registered.get(app)?.keys() ?? [])].sort();
}

/** Whether a route was declared public (config.public) as it was added. */
export function isDeclaredPublic(app: FastifyInstance, route: string): boolean {
  return registered.get(app)?.get(route)?.isPublic ?? false;
}

/**
 * Checks the table on every request, after the sign-in hook has found who is asking. Register it before any route,
 * so that it sees them all.
 */
export function enforceRoutePolicy(app: FastifyInstance): void {
  const routes = new Map<string, { isPublic: boolean }>();
  registered.set(app, routes);
  app.addHook('onRoute', (route) => {
    const config = route.config as { public?: boolean } | undefined;
    for (const method of [route.method].flat()) routes.set(`${method} ${route.url}`, { isPublic: config?.public === true });
  });
  app.addHook('onRequest', async (request) => checkRoute(request));
}

function checkRoute(request: FastifyRequest): void {
  const url = request.routeOptions.url;
  // No route matched: the not-found handler answers.
  if (url === undefined) return;
  const rule = ruleFor(request.method, url);
  if (rule === 'public') return;
  if (rule === undefined) {
    if (request.routeOptions.config?.public) return;
    throw new Forbidden(`No one may use ${routeKey(request.method, url)} yet: it has no line in the route policy (src/access/route-policy.ts).`);
  }
  // The sign-in hook has already turned away anyone not signed in from a route that is not public.
  if (!request.actor) throw new Forbidden();
  if (rule !== 'signed_in') authorize(request.actor, rule);
}
