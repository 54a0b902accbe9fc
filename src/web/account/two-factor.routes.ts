import type { FastifyInstance, FastifyReply } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { TwoFactorService } from '../../access/two-factor.service.ts';
import { groupedSecret } from '../../access/two-factor.ts';
import { actorOf } from '../session.ts';

const confirmForm = z.object({ code: z.string().max(50).default('') });

// Setting up a second factor. The secret is shown as text (for screen readers and typing in by hand), as an
// otpauth:// link, and as a QR code, until a code confirms it; after that it is never shown again.
export function registerAccountRoutes(app: FastifyInstance, twoFactor: TwoFactorService): void {
  async function enrolmentPage(reply: FastifyReply, context: Record<string, unknown> = {}, status = 200): Promise<FastifyReply> {
    const actor = actorOf(reply.request);
    const enrolment = await twoFactor.beginEnrolment({ id: actor.userId, email: actor.email });
    if (!enrolment) return reply.page('account/two-factor.njk', { isEnrolled: true, ...context }, status);
    const qrCode = await QRCode.toString(enrolment.uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
    return reply.page('account/two-factor.njk', { isEnrolled: false, secret: groupedSecret(enrolment.secret), uri: enrolment.uri, qrCode, ...context }, status);
  }

  app.get('/account/two-factor', async (request, reply) =>
    enrolmentPage(reply, { justConfirmed: (request.query as { confirmed?: string }).confirmed === '1' }));

  app.post('/account/two-factor', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { code } = confirmForm.parse(request.body ?? {});
    if (code.trim() === '') return enrolmentPage(reply, { errors: { code: 'Enter the 6-digit code from your authenticator app' } }, 400);
    if (!(await twoFactor.confirmEnrolment(actorOf(request).userId, code))) {
      return enrolmentPage(reply, { errors: { code: 'The code is not correct. Check the app shows OneStop, then enter the code it shows now' } }, 400);
    }
    return reply.redirect('/account/two-factor?confirmed=1', 303);
  });
}
