import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../access/staff.ts';
import { createAuditService, type AuditService } from '../../audit/audit.service.ts';
import { referenceFor } from '../../people/reference.ts';
import { closeTestDatabase, freshServices } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { sessionCookie } from '../session.ts';
import { londonDayStart, nextDay } from './audit.view.ts';

after(closeTestDatabase);

type Services = Awaited<ReturnType<typeof freshServices>>;

describe('the data protection officer’s audit pages', () => {
  let services: Services;
  let audit: AuditService;
  let app: FastifyInstance;
  const ids: Partial<Record<Role, number>> = {};

  before(async () => {
    services = await freshServices();
    app = await servedApp(services);
  });
  after(async () => app.close());

  beforeEach(async () => {
    await services.db.deleteFrom('staff_session').execute();
    await services.database.asOwner((owner) => sql`truncate audit_event`.execute(owner));
    audit = createAuditService({ db: services.db, clock: services.clock });
    for (const role of ['dpo', 'agent'] as const) {
      const email = `${role}@council.gov.uk`;
      const user = (await services.staff.findUserByEmail(email)) ?? await services.staff.addUser({ email, displayName: `The ${role}`, password: 'a long enough password', role });
      ids[role] = user.id;
    }
    services.clock.set('2026-11-25T09:00:00Z');
  });

  /** Signs in afresh for each request, as the tests move the clock on by days. */
  const get = async (url: string, role: Role = 'dpo') => {
    const session = await services.staff.startSession(ids[role] ?? 0);
    return app.inject({ method: 'GET', url, headers: { cookie: `${sessionCookie}=${session.token}` } });
  };
  const view = (personId: number, actor: string, reason: string | null = null) => ({ actor, actorName: `Staff ${actor}`, door: 'web' as const, action: 'person.view' as const, personId, reason });

  it('shows who has looked at a resident, newest first, with why, how and a link to the resident', async () => {
    await audit.record(services.db, view(42, `user:${ids.agent}`, 'caller asked about council tax'));
    services.clock.advance(60_000);
    await audit.record(services.db, { ...view(42, 'system:import'), door: 'job', action: 'import.run', subject: 'import:3' });
    await audit.record(services.db, view(43, `user:${ids.agent}`));
    const reference = referenceFor(42);
    const page = await get(`/audit?person=${reference.toLowerCase()}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, new RegExp(`<caption[^>]*>Who has looked at or changed resident ${reference}`));
    const rows = [...page.body.matchAll(/<tr class="govuk-table__row">\s*<td[^>]*>[^<]*<br><span[^>]*>Entry (\d+)<\/span>/g)].map((match) => Number(match[1]));
    assert.deepEqual(rows, [2, 1]);
    assert.match(page.body, /Background job/);
    assert.match(page.body, /caller asked about council tax/);
    assert.match(page.body, new RegExp(`href="/people/${reference}"`));
    const recorded = await audit.recent({ limit: 1 });
    assert.deepEqual(recorded.map((entry) => [entry.action, entry.actor, entry.personId]), [['audit.search', `user:${ids.dpo}`, 42]]);
  });

  it('shows what a member of staff has opened, found by email, within dates', async () => {
    for (const personId of [1, 2, 3]) {
      await audit.record(services.db, view(personId, `user:${ids.agent}`));
      services.clock.advance(24 * 3600_000);
    }
    const page = await get('/audit?user=agent%40council.gov.uk&from=26%2F11%2F2026&to=26%2F11%2F2026');
    assert.equal(page.statusCode, 200, page.body);
    assert.deepEqual([...page.body.matchAll(/href="\/people\/([^"]+)"/g)].map((match) => match[1]), [referenceFor(2)]);
  });

  it('pages through the entries without JavaScript', async () => {
    await audit.recordMany(services.db, Array.from({ length: 60 }, (_, index) => view(index + 1, `user:${ids.agent}`)));
    const first = await get('/audit?user=agent%40council.gov.uk');
    assert.equal([...first.body.matchAll(/href="\/people\//g)].length, 50);
    const next = /<div class="govuk-pagination__next">\s*<a[^>]*href="([^"]+)"/.exec(first.body)?.[1]?.replace(/&amp;/g, '&');
    assert.equal(next, '/audit?user=agent%40council.gov.uk&page=2');
    const second = await get(next ?? '');
    assert.equal([...second.body.matchAll(/href="\/people\//g)].length, 10);
    assert.match(second.body, /Newest first, entries 51 to 60/);
  });

  it('says what is wrong with a search, beside the field', async () => {
    const page = await get('/audit?person=NOTAREF&from=31%2F02%2F2026');
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /<title>Error: /);
    assert.match(page.body, /href="#person">Enter a resident’s reference in the right form/);
    assert.match(page.body, /href="#from">Enter the start date as a real date/);
    const unknown = await get('/audit?user=nobody%40council.gov.uk');
    assert.match(unknown.body, /There is no member of staff with that email address/);
  });

  it('refuses anyone but the data protection officer and administrators', async () => {
    for (const url of ['/audit', '/audit?person=K7M3-9QD2', '/audit/verify']) {
      const page = await get(url, 'agent');
      assert.equal(page.statusCode, 403, url);
      assert.match(page.body, /cannot read the audit trail/);
    }
    assert.equal((await audit.verify()).checked, 0, 'a refused request records nothing');
    const signedOut = await app.inject({ method: 'GET', url: '/audit' });
    assert.equal(signedOut.statusCode, 303);
  });

  it('checks the chain and shows the latest hash, or the first problem', async () => {
    for (const personId of [1, 2, 3]) await audit.record(services.db, view(personId, `user:${ids.agent}`));
    const latest = await audit.latestHash();
    const intact = await get(`/audit/verify?expect=${latest?.hash ?? ''}`);
    assert.equal(intact.statusCode, 200, intact.body);
    assert.match(intact.body, /The audit trail is intact/);
    assert.match(intact.body, /3 entries checked, including the one with the hash you entered/);
    assert.ok(intact.body.includes(latest?.hash ?? 'no hash'));
    await services.database.asOwner((owner) => owner.transaction().execute(async (tx) => {
      await sql`alter table audit_event disable trigger audit_event_append_only`.execute(tx);
      await sql`delete from audit_event where id = 2`.execute(tx);
      await sql`alter table audit_event enable trigger audit_event_append_only`.execute(tx);
    }));
    const broken = await get('/audit/verify');
    assert.match(broken.body, /The audit trail has been tampered with/);
    assert.match(broken.body, /Entry 2 is missing: it has been deleted from the audit trail\./);
    assert.equal((await get('/audit/verify?expect=not-a-hash')).statusCode, 400);
  });
});

describe('dates on the audit pages', () => {
  for (const [day, start] of [
    ['2026-01-15', '2026-01-15T00:00:00.000Z'], ['2026-07-15', '2026-07-14T23:00:00.000Z'],
    ['2026-03-29', '2026-03-29T00:00:00.000Z'], ['2026-10-25', '2026-10-24T23:00:00.000Z'],
  ] as const) {
    it(`begins the London day ${day} at ${start}`, () => assert.equal(londonDayStart(day).toISOString(), start));
  }
  it('ends a date range at the start of the next day, across a year', () => assert.equal(nextDay('2026-12-31'), '2027-01-01'));
});
