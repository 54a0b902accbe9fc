import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Role } from '../../access/staff.ts';
import { importDemoCouncil } from '../../matching/identity.test-support.ts';
import { closeTestDatabase, freshServices, tempDir, testActor } from '../../test-support.ts';
import { buildApp } from '../app.ts';
import { signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The review page shows both records in full but for identifiers: a team leader decides whether two records are
// one person from the evidence (which says whether their NI numbers agree) without seeing the numbers.

describe('a review page', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let reviewId = 0;
  let niNumber = '';

  before(async () => {
    services = await freshServices(new Date().toISOString());
    await importDemoCouncil(services, 300, 21);
    await services.relink.relink(testActor);
    const found = await sql<{ id: number; ni_number: string }>`
      select r.id, s.ni_number from match_review r join source_record s on s.id = r.source_record_id
      where r.status = 'open' and s.ni_number is not null order by r.id limit 1`.execute(services.db);
    const row = found.rows[0];
    assert.ok(row, 'the relink left a pair to review whose record has an NI number');
    [reviewId, niNumber] = [Number(row.id), row.ni_number];
    app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir() } });
    await app.ready();
    for (const role of ['team_leader', 'service_team'] as Role[]) {
      await services.staff.addUser({ email: `${role}@council.gov.uk`, displayName: role, password: 'a long enough password', role });
    }
  });
  after(async () => app?.close());

  const signedIn = (role: Role): Promise<Agent> => signInAgent(app, `${role}@council.gov.uk`, 'a long enough password');

  it('masks the NI numbers for a team leader', async () => {
    const page = await (await signedIn('team_leader')).request({ url: `/reviews/${reviewId}` });
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(niNumber), 'the team leader saw the NI number in full');
    assert.ok(page.body.includes(`•••••••${niNumber.slice(-2)}`));
  });

  it('shows them to the service team, whose work needs them', async () => {
    const page = await (await signedIn('service_team')).request({ url: `/reviews/${reviewId}` });
    assert.ok(page.body.includes(niNumber));
  });
});
