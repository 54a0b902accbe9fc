import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SignInService } from '../../access/sign-in.service.ts';
import type { SingleSignOnClient } from '../../access/single-sign-on.client.ts';
import type { FinishSignIn } from '../auth.routes.ts';
import { challengeCookie, clearChallengeCookie, safeNext, setChallengeCookie } from '../session.ts';

type Options = {
  signIn: SignInService;
  singleSignOn: SingleSignOnClient;
  redirectUri: string;
  cookieSecure: boolean;
  signInPage: (reply: FastifyReply, context: Record<string, unknown>, status?: number) => FastifyReply;
  finishSignIn: FinishSignIn;
};

const startForm = z.object({ next: z.string().max(2000).optional() });

const messages = {
  unavailable: 'Signing in with your council account is not working at the moment. Try again later, or sign in with your email address and password.',
  expired: 'Your sign-in took too long, or was started in another window. Sign in again.',
  failed: 'Your council account did not sign you in. Try again, or sign in with your email address and password.',
  noEmail: 'Your council account did not give OneStop an email address. Ask your OneStop administrator for help.',
};

// Single sign-on: the button sends staff to the council's identity provider, which sends them back to the
// redirect URI. Only an existing, active OneStop account with the same email address may sign in this way; the
// provider is trusted for its own second factor (Entra ID's multi-factor authentication, say).
export function registerSingleSignOnRoutes(app: FastifyInstance, options: Options): void {
  const { signIn, singleSignOn, cookieSecure, signInPage } = options;

  app.post('/sign-in/council-account', { config: { public: true }, preHandler: app.csrfProtection }, async (request, reply) => {
    const next = safeNext(startForm.parse(request.body ?? {}).next);
    let started: Awaited<ReturnType<SingleSignOnClient['begin']>>;
    try {
      started = await singleSignOn.begin();
    } catch (error) {
      request.log.warn({ err: error }, 'the identity provider could not be reached');
      return signInPage(reply, { next, errors: { form: messages.unavailable } }, 503);
    }
    const token = await signIn.openChallenge('single_sign_on', { userId: null, data: started.request, nextPath: next });
    setChallengeCookie(reply, token, cookieSecure);
    return reply.redirect(started.url.href, 303);
  });

  app.get(new URL(options.redirectUri).pathname, { config: { public: true } }, async (request, reply) => {
    const token = request.cookies[challengeCookie];
    const challenge = token ? await signIn.findChallenge(token, 'single_sign_on') : undefined;
    // Each trip to the provider is answered once: the challenge goes whatever the answer.
    if (!token || !challenge || !(await signIn.closeChallenge(token))) return signInPage(reply, { next: '/people', errors: { form: messages.expired } }, 400);
    clearChallengeCookie(reply, cookieSecure);
    const { state = '', nonce = '', codeVerifier = '' } = challenge.data;
    let email: string | undefined;
    try {
      email = (await singleSignOn.finish(request.url, { state, nonce, codeVerifier })).email;
    } catch (error) {
      request.log.warn({ err: error }, 'the identity provider\'s answer was refused');
      return signInPage(reply, { next: challenge.nextPath, errors: { form: messages.failed } }, 400);
    }
    if (!email) return signInPage(reply, { next: challenge.nextPath, errors: { form: messages.noEmail } }, 403);
    const user = await signIn.findActiveUser(email);
    if (!user) {
      const message = `There is no active OneStop account for ${email}. Ask your OneStop administrator to add your account, or to enable it, then try again.`;
      return signInPage(reply, { next: challenge.nextPath, errors: { form: message } }, 403);
    }
    return options.finishSignIn(signIn, reply, user.id, challenge.nextPath, cookieSecure);
  });
}
