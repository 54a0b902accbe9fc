import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createSecretBox, loadSecretKey } from '../access/secret-box.ts';
import { createSignInService, type SignInService } from '../access/sign-in.service.ts';
import type { SignInOutcome } from '../access/sign-in.ts';
import { createSingleSignOnClient } from '../access/single-sign-on.client.ts';
import { createTwoFactorService } from '../access/two-factor.service.ts';
import { defaultAuthConfig, type AuthConfig, type Config } from '../config.ts';
import type { Services } from '../deps.ts';
import { registerAccountRoutes } from './account/two-factor.routes.ts';
import { registerSingleSignOnRoutes } from './auth/single-sign-on.routes.ts';
import { challengeCookie, clearChallengeCookie, clearSessionCookie, safeNext, setChallengeCookie, setSessionCookie } from './session.ts';

const signInForm = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(200).default(''),
  next: z.string().max(2000).optional(),
});
const codeForm = z.object({ code: z.string().max(50).default('') });

export type AuthRoutesConfig = Pick<Config, 'cookieSecure' | 'councilName' | 'dataDir'> & { auth?: Partial<AuthConfig> };

/** Said the same way whether or not an account has the email address, so a lock tells an attacker nothing. */
export function lockedMessage(minutes: number): string {
  return `There have been too many attempts to sign in. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`;
}

// Staff sign-in and sign-out: the password, then a code when a second factor is set up, or the council's own
// sign-in (OpenID Connect) when configured. A failed sign-in never says whether the email or the password was wrong.
export async function registerAuthRoutes(app: FastifyInstance, services: Services, config: AuthRoutesConfig): Promise<void> {
  const auth = { ...defaultAuthConfig, ...config.auth };
  const box = createSecretBox(loadSecretKey({ secretKey: auth.secretKey, dataDir: config.dataDir }));
  const twoFactor = createTwoFactorService({ db: services.db, clock: services.clock, box, issuer: `OneStop (${config.councilName})` });
  const signIn = createSignInService({ db: services.db, clock: services.clock, staff: services.staff, twoFactor, settings: auth });
  const singleSignOn = auth.oidc ? createSingleSignOnClient(auth.oidc) : undefined;
  app.decorateRequest('apiGrant', undefined);
  app.decorateRequest('sessionTimeout', undefined);

  const signInPage = (reply: FastifyReply, context: Record<string, unknown>, status = 200) =>
    reply.page('auth/sign-in.njk', { values: {}, singleSignOn: Boolean(singleSignOn), ...context }, status);

  app.get('/sign-in', { config: { public: true } }, async (request, reply) => {
    const query = request.query as { next?: string; timedOut?: string };
    if (request.actor) return reply.redirect(safeNext(query.next), 303);
    return signInPage(reply, { next: safeNext(query.next), timedOut: query.timedOut === '1' });
  });

  app.post('/sign-in', { config: { public: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const form = signInForm.parse(request.body ?? {});
    const next = safeNext(form.next);
    const errors: Record<string, string> = {};
    if (form.email === '') errors.email = 'Enter your email address';
    if (form.password === '') errors.password = 'Enter your password';
    if (Object.keys(errors).length > 0) return signInPage(reply, { next, values: { email: form.email }, errors }, 400);
    const outcome = await signIn.signInWithPassword({ email: form.email, password: form.password, address: request.ip });
    if (outcome.kind === 'code_needed') {
      const token = await signIn.openChallenge('second_factor', { userId: outcome.user.id, data: { email: outcome.user.email }, nextPath: next });
      setChallengeCookie(reply, token, config.cookieSecure);
      return reply.redirect('/sign-in/code', 303);
    }
    if (outcome.kind === 'signed_in') return finishSignIn(signIn, reply, outcome.user.id, next, config.cookieSecure);
    return signInPage(reply, { next, values: { email: form.email }, errors: refusal(outcome) }, outcome.kind === 'locked' ? 429 : 400);
  });

  app.get('/sign-in/code', { config: { public: true } }, async (request, reply) => {
    if (!(await pendingCode(signIn, request))) return reply.redirect('/sign-in', 303);
    return reply.page('auth/code.njk', {});
  });

  app.post('/sign-in/code', { config: { public: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const pending = await pendingCode(signIn, request);
    if (!pending) return reply.redirect('/sign-in', 303);
    const { code } = codeForm.parse(request.body ?? {});
    if (code.trim() === '') return reply.page('auth/code.njk', { errors: { code: 'Enter the 6-digit code from your authenticator app' } }, 400);
    const outcome = await signIn.signInWithCode({ email: pending.challenge.data.email ?? '', code, address: request.ip });
    if (outcome.kind === 'signed_in' && (await signIn.closeChallenge(pending.token))) {
      clearChallengeCookie(reply, config.cookieSecure);
      return finishSignIn(signIn, reply, outcome.user.id, pending.challenge.nextPath, config.cookieSecure);
    }
    if (outcome.kind === 'locked') {
      await signIn.closeChallenge(pending.token);
      clearChallengeCookie(reply, config.cookieSecure);
      return signInPage(reply, { next: pending.challenge.nextPath, errors: refusal(outcome) }, 429);
    }
    const message = 'The code is not correct or has already been used. Enter the code your authenticator app shows now';
    return reply.page('auth/code.njk', { errors: { code: message } }, 400);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (request, reply) => {
    if (request.sessionToken) await services.staff.endSession(request.sessionToken);
    clearSessionCookie(reply, config.cookieSecure);
    return reply.redirect('/sign-in', 303);
  });

  // Asking for more time: the request itself puts off the idle timeout (see identify); this says how long is left.
  app.post('/session/extend', { preHandler: app.csrfProtection }, async (request, reply) =>
    reply.header('cache-control', 'no-store').send({ secondsLeft: request.sessionTimeout?.secondsLeft ?? 0, canExtend: request.sessionTimeout?.canExtend ?? false }));

  if (singleSignOn && auth.oidc) registerSingleSignOnRoutes(app, { signIn, singleSignOn, redirectUri: auth.oidc.redirectUri, cookieSecure: config.cookieSecure, signInPage, finishSignIn });
  registerAccountRoutes(app, twoFactor);
}

export type FinishSignIn = typeof finishSignIn;

async function finishSignIn(signIn: SignInService, reply: FastifyReply, userId: number, next: string, secure: boolean): Promise<FastifyReply> {
  const session = await signIn.startSession(userId);
  setSessionCookie(reply, session.token, session.expiresAt, secure);
  return reply.redirect(safeNext(next), 303);
}

async function pendingCode(signIn: SignInService, request: FastifyRequest) {
  const token = request.cookies[challengeCookie];
  const challenge = token ? await signIn.findChallenge(token, 'second_factor') : undefined;
  return token && challenge ? { token, challenge } : undefined;
}

function refusal(outcome: SignInOutcome): Record<string, string> {
  if (outcome.kind === 'locked') return { form: lockedMessage(outcome.minutes) };
  return { email: 'Enter a correct email address and password' };
}
