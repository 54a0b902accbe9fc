import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../access/staff.ts';
import { auditActorOf, canReadAudit, type AuditQuery } from '../../audit/audit.ts';
import { createAuditService } from '../../audit/audit.service.ts';
import type { Services } from '../../deps.ts';
import { Forbidden } from '../../errors.ts';
import { parseReference } from '../../people/reference.ts';
import { parseDate } from '../../sources/parse-date.ts';
import { entryRows, londonDayStart, nextDay, pagination } from './audit.view.ts';

const pageSize = 50;
const text = (max: number) => z.string().trim().max(max).catch('').default('');
const searchQuery = z.object({ person: text(40), user: text(200), from: text(30), to: text(30), page: z.coerce.number().int().min(1).max(100_000).catch(1) });
const verifyQuery = z.object({ expect: text(100) });

type Search = z.output<typeof searchQuery>;
type Filter = { kind: 'person'; personId: number; reference: string } | { kind: 'actor'; actor: string } | { kind: 'all' };
type Reading = { filter: Filter; period: Pick<AuditQuery, 'from' | 'to'>; errors: Record<string, string> };

// The data protection officer's pages: who has looked at a resident, what a member of staff has opened, and whether
// the trail is intact. Searching the trail is itself recorded in it.
export async function registerAuditRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const audit = createAuditService({ db: services.db, clock: services.clock });

  app.get('/audit', async (request, reply) => {
    const actor = mayRead(request);
    const form = searchQuery.parse(request.query ?? {});
    const values = { person: form.person, user: form.user, from: form.from, to: form.to };
    const { filter, period, errors } = await readSearch(form, services);
    if (Object.keys(errors).length > 0) {
      return reply.page('audit/search.njk', { title: 'Audit trail', values, errors, errorList: errorList(errors) }, 400);
    }
    const query = { ...period, limit: pageSize + 1, offset: (form.page - 1) * pageSize };
    const found = filter.kind === 'person' ? await audit.forPerson(filter.personId, query)
      : filter.kind === 'actor' ? await audit.byActor(filter.actor, query) : await audit.recent(query);
    const entries = found.slice(0, pageSize);
    await audit.record(services.db, {
      ...auditActorOf(actor), action: 'audit.search', personId: filter.kind === 'person' ? filter.personId : null,
      subject: filter.kind === 'actor' ? filter.actor : null, details: { page: form.page, shown: entries.length },
    });
    return reply.page('audit/search.njk', {
      title: filter.kind === 'person' ? `Audit trail for resident ${filter.reference}` : filter.kind === 'actor' ? `Audit trail for ${form.user}` : 'Audit trail',
      values, filter, rows: entryRows(entries), page: form.page, pagination: pagination(values, form.page, found.length > pageSize),
      firstShown: (form.page - 1) * pageSize + 1,
    });
  });

  app.get('/audit/verify', async (request, reply) => {
    mayRead(request);
    const { expect } = verifyQuery.parse(request.query ?? {});
    if (expect !== '' && !/^[0-9a-f]{64}$/i.test(expect)) {
      const errors = { expect: 'Enter the hash as 64 letters and digits, as onestop audit verify printed it' };
      return reply.page('audit/verify.njk', { title: 'Check the audit trail', values: { expect }, errors, errorList: errorList(errors) }, 400);
    }
    const outcome = await audit.verify(undefined, expect === '' ? {} : { expectHash: expect.toLowerCase() });
    return reply.page('audit/verify.njk', { title: 'Check the audit trail', values: { expect }, outcome, checkedAnchor: expect !== '' });
  });
}

/** The one check for these pages, so that roles and permissions can replace it in one place. */
function mayRead(request: FastifyRequest): Actor {
  const actor = request.actor;
  if (!canReadAudit(actor) || actor?.kind !== 'staff') throw new Forbidden('Only the data protection officer and administrators can read the audit trail.');
  return actor;
}

async function readSearch(form: Search, services: Services): Promise<Reading> {
  const errors: Record<string, string> = {};
  let filter: Filter = { kind: 'all' };
  if (form.person !== '' && form.user !== '') {
    errors.person = 'Search for a resident or a member of staff, not both';
  } else if (form.person !== '') {
    const parsed = parseReference(form.person);
    if (parsed) filter = { kind: 'person', personId: parsed.id, reference: parsed.reference };
    else errors.person = 'Enter a resident’s reference in the right form, like K7M3-9QD2';
  } else if (form.user !== '') {
    const actor = await actorFor(services, form.user);
    if (actor.ok) filter = { kind: 'actor', actor: actor.actor };
    else errors.user = actor.error;
  }
  const from = readDay(form.from, 'from', errors);
  const to = readDay(form.to, 'to', errors);
  if (from && to && to < from) errors.to = 'The end date must be the same as or after the start date';
  return { filter, errors, period: { from: from ? londonDayStart(from) : undefined, to: to ? londonDayStart(nextDay(to)) : undefined } };
}

async function actorFor(services: Services, user: string): Promise<{ ok: true; actor: string } | { ok: false; error: string }> {
  if (/^(user|system):[\w.@-]+$/.test(user)) return { ok: true, actor: user };
  if (!/^[^\s@]+@[^\s@]+$/.test(user)) return { ok: false, error: 'Enter an email address, like name@council.gov.uk' };
  const found = await services.staff.findUserByEmail(user);
  return found ? { ok: true, actor: `user:${found.id}` } : { ok: false, error: 'There is no member of staff with that email address' };
}

function readDay(value: string, field: 'from' | 'to', errors: Record<string, string>): string | undefined {
  if (value === '') return undefined;
  // A search may run past today: only dates of birth are refused for lying in the future.
  const parsed = parseDate(value, 'auto', field, new Date('9999-12-31T00:00:00Z'));
  if (parsed.ok && parsed.value !== null) return parsed.value;
  errors[field] = `Enter the ${field === 'from' ? 'start' : 'end'} date as a real date, like 27/3/2026`;
  return undefined;
}

function errorList(errors: Record<string, string>): Array<{ text: string; href: string }> {
  return Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${field}` }));
}
