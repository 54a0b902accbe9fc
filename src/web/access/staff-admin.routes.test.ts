import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { addStaff, closeTestDatabase, freshServices } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { createAgent, csrfTokenIn, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The administrator's staff accounts page: turning an account off signs its holder out everywhere at once.

describe('the staff accounts page', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await servedApp(services);
    await addStaff(services, [['admin@council.gov.uk', 'admin'], ['agent@council.gov.uk', 'agent'], ['leader@council.gov.uk', 'team_leader']] as Array<[string, Role]>);
  });
  after(async () => app.close());

  const signedIn = (email: string): Promise<Agent> => signInAgent(app, email, 'a long enough password');

  const idOf = async (email: string) => (await services.staff.findUserByEmail(email))?.id ?? 0;

  it('lets an administrator disable an account, ending its session at once, and enable it again, each in the audit trail', async () => {
    const admin = await signedIn('admin@council.gov.uk');
    const agent = await signedIn('agent@council.gov.uk');
    assert.equal((await agent.request({ url: '/people' })).statusCode, 200);
    const page = await admin.request({ url: '/admin/staff' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /agent@council\.gov\.uk/);
    const agentId = await idOf('agent@council.gov.uk');
    const disabled = await admin.request({ method: 'POST', url: `/admin/staff/${agentId}/disable`, form: { _csrf: csrfTokenIn(page.body) } });
    assert.equal(disabled.statusCode, 303);
    assert.match((await admin.request({ url: String(disabled.headers.location) })).body, /agent’s account is disabled\. Their sessions have ended/);
    const after = await agent.request({ url: '/people' });
    assert.equal(after.statusCode, 303, 'the disabled member of staff was still signed in');
    assert.match(String(after.headers.location), /^\/sign-in/);
    assert.equal((await createAgent(app).submit('/sign-in', '/sign-in', { email: 'agent@council.gov.uk', password: 'a long enough password', next: '/people' })).statusCode, 400);
    const again = await admin.request({ url: '/admin/staff' });
    await admin.request({ method: 'POST', url: `/admin/staff/${agentId}/enable`, form: { _csrf: csrfTokenIn(again.body) } });
    await signedIn('agent@council.gov.uk');
    const trail = (await services.audit.byActor(`user:${await idOf('admin@council.gov.uk')}`)).map((entry) => [entry.action, entry.subject]);
    assert.deepEqual(trail, [['user.enable', `user:${agentId}`], ['user.disable', `user:${agentId}`]]);
  });

  it('does not let an administrator disable their own account', async () => {
    const admin = await signedIn('admin@council.gov.uk');
    const page = await admin.request({ url: '/admin/staff' });
    assert.doesNotMatch(page.body, new RegExp(`/admin/staff/${await idOf('admin@council.gov.uk')}/disable`));
    const refused = await admin.request({ method: 'POST', url: `/admin/staff/${await idOf('admin@council.gov.uk')}/disable`, form: { _csrf: csrfTokenIn(page.body) } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /cannot disable your own account/);
    assert.equal((await services.staff.findUserByEmail('admin@council.gov.uk'))?.isActive, true);
  });

  it('refuses the page and the buttons to anyone but an administrator, changing nothing', async () => {
    const leader = await signedIn('leader@council.gov.uk');
    assert.equal((await leader.request({ url: '/admin/staff' })).statusCode, 403);
    const people = await leader.request({ url: '/people' });
    const refused = await leader.request({ method: 'POST', url: `/admin/staff/${await idOf('agent@council.gov.uk')}/disable`, form: { _csrf: csrfTokenIn(people.body) } });
    assert.equal(refused.statusCode, 403);
    assert.equal((await services.staff.findUserByEmail('agent@council.gov.uk'))?.isActive, true);
  });
});
