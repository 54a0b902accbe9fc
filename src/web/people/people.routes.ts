import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can } from '../../access/policy.ts';
import { timelineItems } from '../desk/desk.view.ts';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import type { Explanation } from '../../matching/engine/explain.ts';
import { waterfallSvg } from '../../matching/waterfall.ts';
import { describeChange, goldenRows, linkDescription, recordRows, searchResultsView, understoodView } from './people.view.ts';
import { actorOf } from '../session.ts';

const searchQuery = z.object({
  q: z.string().max(200).optional(),
  postcode: z.string().max(20).optional(),
  dob: z.string().max(30).optional(),
});

const tabs = ['overview', 'records', 'addresses', 'history', 'contacts'] as const;
type Tab = (typeof tabs)[number];

// Finding a resident, and the resident's single view.
export async function registerPeopleRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/people', async (request, reply) => {
    const query = searchQuery.parse(request.query ?? {});
    const searched = Boolean(query.q || query.postcode || query.dob);
    const outcome = searched ? await services.people.search(actorOf(request), query, 20) : undefined;
    return reply.page('people/search.njk', {
      title: searched ? `Search results for ${query.q ?? ''}`.trim() : 'Find a resident',
      values: query,
      searched,
      results: outcome ? searchResultsView(outcome.hits) : [],
      understood: outcome ? understoodView(outcome.query) : [],
      notes: outcome?.query.notes ?? [],
      widened: outcome?.widened ?? false,
    });
  });

  app.post('/people/:reference/reveal', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    const reference = (request.params as { reference: string }).reference;
    const reason = z.object({ reason: z.string().trim().max(500).default('') }).parse(request.body ?? {}).reason;
    if (reason.length < 5) return reply.redirect(`/people/${reference}?error=reveal`, 303);
    const view = await services.people.getResident(actor, reference, { reveal: true, reason });
    return reply.page('people/overview.njk', { ...residentContext(view, 'overview'), reviews: await services.reviews.forPerson(view.person.id), revealed: true });
  });

  for (const tab of tabs) {
    const url = tab === 'overview' ? '/people/:reference' : `/people/:reference/${tab}`;
    app.get(url, async (request, reply) => {
      const { reference } = request.params as { reference: string };
      const view = await services.people.getResident(actorOf(request), reference);
      if (view.person.status === 'merged' && view.person.redirectTo !== null) {
        const target = await services.people.getResident(actorOf(request), view.person.redirectTo);
        // Temporary: a merge can be undone, and a browser would remember a permanent redirect.
        return reply.redirect(`/people/${target.person.reference}${tab === 'overview' ? '' : `/${tab}`}`, 302);
      }
      if (reference !== view.person.reference) return reply.redirect(`/people/${view.person.reference}${tab === 'overview' ? '' : `/${tab}`}`, 301);
      const { done, error } = request.query as { done?: string; error?: string };
      const extra = tab === 'records' ? { explanations: await linkExplanations(services, view) }
        : tab === 'overview' ? { reviews: await services.reviews.forPerson(view.person.id), contacts: await latestContacts(services, request, view.person.id) }
        : tab === 'contacts' ? { timeline: await contactsTimeline(services, request, view.person.id) } : {};
      return reply.page(`people/${tab}.njk`, { ...residentContext(view, tab), ...extra, done, pageError: error });
    });
  }
}

/** Why each record is with this resident: the evidence its link kept, drawn as a waterfall. */
async function linkExplanations(services: Services, view: Awaited<ReturnType<Services['people']['getResident']>>) {
  const explained: Record<number, { chart: string; sentences: string[]; probability: number }> = {};
  for (const record of view.systems.flatMap((system) => system.records)) {
    const evidence = record.link.evidence as { explanation?: Explanation; withSourceRecordId?: number };
    const explanation = evidence.explanation ?? (evidence.withSourceRecordId ? await services.matches.explainRecords(record.sourceRecordId, evidence.withSourceRecordId) : undefined);
    if (!explanation) continue;
    explained[record.sourceRecordId] = {
      chart: waterfallSvg(explanation, `link-${record.sourceRecordId}`, 'How the match weight adds up for this record'),
      sentences: explanation.fields.filter((field) => field.level !== 0).map((field) => field.text),
      probability: explanation.probability,
    };
  }
  return explained;
}

/** The latest few contacts and cases for the overview, when the member of staff may see contacts. */
async function latestContacts(services: Services, request: FastifyRequest, personId: number) {
  const actor = actorOf(request);
  if (!can(actor, 'contact.view')) return undefined;
  const page = await services.contacts.timeline(actor, personId, { limit: 3 });
  return { items: timelineItems(page.entries), more: page.next !== null };
}

/** A page of the resident's contacts and cases, newest first; ?after= comes from the previous page's link. */
async function contactsTimeline(services: Services, request: FastifyRequest, personId: number) {
  const { after } = z.object({ after: z.string().max(200).optional() }).catch({}).parse(request.query ?? {});
  const page = await services.contacts.timeline(actorOf(request), personId, { limit: 20, ...(after ? { after } : {}) });
  return { items: timelineItems(page.entries), next: page.next, isFirst: !after };
}

function residentContext(view: Awaited<ReturnType<Services['people']['getResident']>>, tab: Tab) {
  const name = view.person.fields.fullName ?? 'Unnamed resident';
  return {
    title: `${name}${tab === 'overview' ? '' : ` – ${tab}`}`,
    view,
    tab,
    name,
    golden: goldenRows(view),
    systems: view.systems.map((system) => ({
      ...system,
      records: system.records.map((record) => ({ ...record, rows: recordRows(record.fields), how: linkDescription(record.link.method) })),
    })),
    recordCount: view.systems.reduce((sum, system) => sum + system.records.length, 0),
    changes: view.changes.map((change) => ({ ...change, description: describeChange(change, view.person.id) })),
  };
}
