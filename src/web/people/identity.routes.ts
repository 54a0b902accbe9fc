import type { FastifyInstance, FastifyReply } from 'fastify';
import { actorOf } from '../session.ts';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { DomainError } from '../../errors.ts';

const splitForm = z.object({
  records: z.union([z.string(), z.array(z.string())]).optional().transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map(Number).filter(Number.isInteger)),
  reason: z.string().trim().max(500).default(''),
});
const mergeForm = z.object({ other: z.string().trim().max(40).default(''), reason: z.string().trim().max(500).default('') });
const undoForm = z.object({ reason: z.string().trim().max(500).default(''), back: z.string().max(200).default('/people') });

// Staff putting identity right: separating records that are someone else, merging two residents who are one,
// and undoing any such change.
export async function registerIdentityRoutes(app: FastifyInstance, services: Services): Promise<void> {

  app.post('/people/:reference/split', { preHandler: app.csrfProtection }, async (request, reply) => {
    const view = await services.people.getResident(actorOf(request), (request.params as { reference: string }).reference);
    const form = splitForm.parse(request.body ?? {});
    if (form.records.length === 0 || form.reason === '') {
      return reply.redirect(`/people/${view.person.reference}/records?error=${form.records.length === 0 ? 'choose' : 'reason'}`, 303);
    }
    const change = await attempt(reply, () => services.merges.splitRecords(actorOf(request), view.person.id, form.records, form.reason));
    if (!change) return reply;
    return reply.redirect(`/people/${view.person.reference}/history?done=split`, 303);
  });

  app.get('/people/:reference/merge', async (request, reply) => {
    const view = await services.people.getResident(actorOf(request), (request.params as { reference: string }).reference);
    const form = mergeForm.parse(request.query ?? {});
    if (form.other === '') return reply.page('people/merge.njk', { title: `Merge ${view.person.fields.fullName ?? ''}`, view, values: form });
    const other = await services.people.getResident(actorOf(request), form.other).catch(() => undefined);
    const error = !other ? 'There is no resident with that reference' : other.person.id === view.person.id ? 'Enter the reference of a different resident' : other.person.status !== 'active' ? 'That resident has already been merged into another' : undefined;
    if (error || !other) return reply.page('people/merge.njk', { title: `Merge ${view.person.fields.fullName ?? ''}`, view, values: form, errors: { other: error } }, 400);
    return reply.page('people/merge-confirm.njk', { title: 'Check these are the same person', view, other, values: form });
  });

  app.post('/people/:reference/merge', { preHandler: app.csrfProtection }, async (request, reply) => {
    const view = await services.people.getResident(actorOf(request), (request.params as { reference: string }).reference);
    const form = mergeForm.parse(request.body ?? {});
    const other = await services.people.getResident(actorOf(request), form.other);
    const change = await attempt(reply, () => services.merges.mergePersons(actorOf(request), view.person.id, other.person.id, form.reason || null));
    if (!change) return reply;
    const kept = change.persons.find((person) => person.after.status === 'merged')?.after.redirectTo ?? view.person.id;
    const target = await services.people.getResident(actorOf(request), kept);
    return reply.redirect(`/people/${target.person.reference}/history?done=merge`, 303);
  });

  app.post('/changes/:id/undo', { preHandler: app.csrfProtection }, async (request, reply) => {
    const form = undoForm.parse(request.body ?? {});
    const back = form.back.startsWith('/people/') ? form.back : '/people';
    const change = await attempt(reply, () => services.changes.undoChange(Number((request.params as { id: string }).id), actorOf(request), form.reason || null));
    if (!change) return reply;
    return reply.redirect(`${back}?done=undo`, 303);
  });
}

/** Runs a change; a refusal (nothing to do, moved since) is shown to the member of staff as it is. */
async function attempt<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await reply.page('errors/problem.njk', { status: 409, message: error.message }, 409);
    return undefined;
  }
}
