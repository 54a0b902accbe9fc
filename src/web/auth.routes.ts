import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Services } from '../deps.ts';
import { clearSessionCookie, safeNext, setSessionCookie } from './session.ts';

const signInForm = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(200).default(''),
  next: z.string().max(2000).optional(),
});

// Staff sign-in and sign-out. A failed sign-in never says whether the email or the password was wrong.
export async function registerAuthRoutes(app: FastifyInstance, services: Services, config: Pick<Config, 'cookieSecure'>): Promise<void> {
  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    if (request.actor) return reply.redirect(safeNext((request.query as { next?: string }).next), 303);
    return reply.page('auth/sign-in.njk', { next: safeNext((request.query as { next?: string }).next), values: {} });
  });

  app.post('/sign-in', { config: { public: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const form = signInForm.parse(request.body ?? {});
    const errors: Record<string, string> = {};
    if (form.email === '') errors.email = 'Enter your email address';
    if (form.password === '') errors.password = 'Enter your password';
    const user = Object.keys(errors).length === 0 ? await services.staff.authenticate(form.email, form.password) : undefined;
    if (!user) {
      if (Object.keys(errors).length === 0) errors.email = 'Enter a correct email address and password';
      return reply.page('auth/sign-in.njk', { next: safeNext(form.next), values: { email: form.email }, errors }, 400);
    }
    const session = await services.staff.startSession(user.id);
    setSessionCookie(reply, session.token, session.expiresAt, config.cookieSecure);
    return reply.redirect(safeNext(form.next), 303);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.sessionToken) await services.staff.endSession(request.sessionToken);
    clearSessionCookie(reply, config.cookieSecure);
    return reply.redirect('/sign-in', 303);
  });
}
