import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../access/policy.ts';
import type { Services } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { fieldLabels } from '../../people/person.ts';
import { channelLabels, channels, correctableFieldNames, preferenceSources, purposeLabels, purposes, retentionBasisLabels, retentionBases, sourceLabels } from '../../privacy/privacy.ts';
import { actorOf } from '../session.ts';
import { bundleDocument, bundleView } from './bundle.view.ts';

const text = (max: number) => z.string().max(max).default('');
const preferenceForm = z.object({ channel: text(20), purpose: text(30), granted: text(5), source: text(20) });
const correctionForm = z.object({ field: text(30), value: text(200), reason: text(1000) });
const reasonForm = z.object({ reason: text(1000) });
const ruleForm = z.object({ systemCode: text(63), years: text(5), basis: text(20) });

type Params = { reference: string };

// UK GDPR rights in the browser: the resident's privacy tab (contact preferences, corrections, legal holds), the
// subject access bundle, erasure, and the data protection officer's retention page.
export async function registerPrivacyRoutes(app: FastifyInstance, services: Services, councilName = 'OneStop'): Promise<void> {
  async function privacyTab(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const actor = actorOf(request);
    const view = await services.people.getResident(actor, (request.params as Params).reference);
    const personId = view.person.id;
    const [preferences, corrections, holds] = await Promise.all([
      services.privacy.preferencesOf(actor, personId), services.privacy.rectificationsOf(actor, personId),
      can(actor, 'privacy.manage') || can(actor, 'privacy.erase') ? services.privacy.holds(actor, { personId }) : Promise.resolve([]),
    ]);
    return reply.page('privacy/tab.njk', {
      title: `${view.person.fields.fullName ?? 'Unnamed resident'} – privacy`, view, tab: 'privacy', name: view.person.fields.fullName ?? 'Unnamed resident',
      recordCount: view.systems.reduce((sum, system) => sum + system.records.length, 0),
      preferences: channels.map((channel) => ({ channel: channelLabels[channel], cells: purposes.map((purpose) => preferences.current[channel][purpose]) })),
      purposeNames: purposes.map((purpose) => purposeLabels[purpose]),
      history: preferences.history.map((item) => ({ ...item, channelName: channelLabels[item.channel], purposeName: purposeLabels[item.purpose], sourceName: sourceLabels[item.source] })),
      corrections: corrections.map((item) => ({ ...item, label: fieldLabels[item.field as keyof typeof fieldLabels] ?? item.field })),
      holds, activeHold: holds.some((hold) => hold.releasedAt === null),
      channelItems: channels.map((value) => ({ value, text: channelLabels[value] })), purposeItems: purposes.map((value) => ({ value, text: purposeLabels[value] })),
      sourceItems: preferenceSources.map((value) => ({ value, text: sourceLabels[value] })),
      fieldItems: [{ value: '', text: 'Choose a detail' }, ...correctableFieldNames.map((value) => ({ value, text: fieldLabels[value] }))],
      may: { rectify: can(actor, 'privacy.rectify'), manage: can(actor, 'privacy.manage'), erase: can(actor, 'privacy.erase'), subjectAccess: can(actor, 'privacy.subject_access'), consent: can(actor, 'consent.record') },
      done: (request.query as { done?: string }).done, errors: {}, values: {}, ...extra,
    }, status);
  }

  /** Runs a form's action; a refusal of the form's contents shows the tab again with the message beside the form. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, form: string, values: object, work: (personId: number, reference: string) => Promise<unknown>, done: string) {
    const view = await services.people.getResident(actorOf(request), (request.params as Params).reference);
    try {
      await work(view.person.id, view.person.reference);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'not_found') throw error;
      const fieldErrors = (error.details?.fieldErrors ?? {}) as Record<string, string>;
      const href = `#${form}-${Object.keys(fieldErrors)[0] ?? (form === 'hold' ? 'reason' : form === 'correction' ? 'field' : 'channel')}`;
      return privacyTab(request, reply, { errors: { [form]: { message: error.message, fields: fieldErrors, href } }, values: { [form]: values } }, 400);
    }
    return reply.redirect(`/people/${view.person.reference}/privacy?done=${done}`, 303);
  }

  app.get('/people/:reference/privacy', (request, reply) => privacyTab(request, reply));

  app.post('/people/:reference/privacy/preferences', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = preferenceForm.parse(request.body ?? {});
    return attempt(request, reply, 'preference', form, (personId) => services.privacy.recordPreference(actorOf(request), personId, form as never), 'preference');
  });

  app.post('/people/:reference/privacy/corrections', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = correctionForm.parse(request.body ?? {});
    return attempt(request, reply, 'correction', form, (personId) => services.privacy.rectify(actorOf(request), personId, form as never), 'correction');
  });

  app.post('/people/:reference/privacy/holds', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = reasonForm.parse(request.body ?? {});
    return attempt(request, reply, 'hold', form, (personId) => services.privacy.placeHold(actorOf(request), personId, form.reason), 'hold');
  });

  app.post('/people/:reference/privacy/holds/:id/release', { preHandler: app.csrfProtection }, async (request, reply) => {
    await services.privacy.releaseHold(actorOf(request), Number((request.params as { id: string }).id) || 0);
    return reply.redirect(`/people/${(request.params as Params).reference}/privacy?done=released`, 303);
  });

  app.get('/people/:reference/erase', async (request, reply) => {
    const view = await services.people.getResident(actorOf(request), (request.params as Params).reference);
    if (!can(actorOf(request), 'privacy.erase')) return reply.page('errors/problem.njk', { status: 403, message: 'Your role cannot erase or anonymise residents.' }, 403);
    return reply.page('privacy/erase.njk', { title: `Erase ${view.person.reference}`, view, values: {} });
  });

  app.post('/people/:reference/erase', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const reference = (request.params as Params).reference;
    const form = reasonForm.parse(request.body ?? {});
    try {
      const outcome = await services.privacy.erase(actor, reference, form.reason);
      return reply.page('privacy/erased.njk', { title: `${outcome.reference} erased`, outcome });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden' || error.code === 'not_found') throw error;
      const view = await services.people.getResident(actor, reference);
      return reply.page('privacy/erase.njk', { title: `Erase ${view.person.reference}`, view, values: form, errors: { message: error.message, field: error.code === 'validation' } }, error.code === 'validation' ? 400 : 409);
    }
  });

  app.get('/people/:reference/subject-access', async (request, reply) => {
    const bundle = await services.privacy.exportBundle(actorOf(request), (request.params as Params).reference, 'page');
    return reply.page('privacy/subject-access.njk', { title: `Subject access bundle for ${bundle.resident.reference}`, ...bundleView(bundle) });
  });

  for (const format of ['json', 'html'] as const) {
    app.get(`/people/:reference/subject-access.${format}`, async (request, reply) => {
      const bundle = await services.privacy.exportBundle(actorOf(request), (request.params as Params).reference, format);
      const body = format === 'json' ? `${JSON.stringify(bundle, null, 2)}\n` : bundleDocument(bundle, councilName);
      return reply.type(format === 'json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8').header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="subject-access-${bundle.resident.reference}.${format}"`).send(body);
    });
  }

  registerRetentionRoutes(app, services);
}

function registerRetentionRoutes(app: FastifyInstance, services: Services): void {
  async function retentionPage(request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) {
    const actor = actorOf(request);
    const [rules, runs, holds, systems] = await Promise.all([services.privacy.rules(actor), services.privacy.runs(actor, 10), services.privacy.holds(actor, { activeOnly: true }), services.systems.list()]);
    return reply.page('privacy/retention.njk', {
      title: 'Retention and legal holds', rules: rules.map((rule) => ({ ...rule, basisText: retentionBasisLabels[rule.basis] })), runs, holds,
      systemItems: [{ value: '', text: 'Choose a system' }, ...systems.map((system) => ({ value: system.code, text: system.name }))],
      basisItems: retentionBases.map((value) => ({ value, text: `Years ${retentionBasisLabels[value]}` })),
      done: (request.query as { done?: string }).done, values: {}, ...extra,
    }, status);
  }

  app.get('/privacy', (request, reply) => retentionPage(request, reply));

  app.post('/privacy/retention', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = ruleForm.parse(request.body ?? {});
    try {
      await services.privacy.setRule(actorOf(request), { systemCode: form.systemCode, years: form.years as unknown as number, basis: (form.basis || 'last_seen') as 'last_seen' });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'forbidden') throw error;
      return retentionPage(request, reply, { ruleError: error.message, values: form }, 400);
    }
    return reply.redirect('/privacy?done=rule', 303);
  });

  app.post('/privacy/retention/run', { preHandler: app.csrfProtection }, async (request, reply) => {
    const summary = await services.privacy.run(actorOf(request), { dryRun: true });
    return retentionPage(request, reply, { dryRun: summary });
  });
}
