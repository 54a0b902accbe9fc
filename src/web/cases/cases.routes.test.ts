import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { addStaff, closeTestDatabase, freshServices, testActor } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { csrfTokenIn, errorSummaryOf, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The case pages and API: a case's page and its forms (errors shown again with what was typed), files up and down,
// the queues, and the JSON API with its scopes.

const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' };
const password = 'a long enough password';

describe('the case pages and API', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let reference: string;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await servedApp(services);
    await services.catalogue.loadStarter(testActor);
    await addStaff(services, [['leader@council.gov.uk', 'team_leader'], ['worker@council.gov.uk', 'service_team'], ['agent@council.gov.uk', 'agent']] as Array<[string, Role]>, password);
    await services.teams.join(testActor, 'worker@council.gov.uk', 'street_scene');
    reference = (await services.cases.raise(testActor, { service: 'fly-tipping', answers: flyTipping })).reference;
  });
  after(async () => app.close());

  const signedIn = (email: string): Promise<Agent> => signInAgent(app, email, password);

  it('lets a team member take a case from the queue, note it and resolve it, telling them what went wrong on the way', async () => {
    const worker = await signedIn('worker@council.gov.uk');
    const queue = await worker.request({ url: '/queues/street_scene' });
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, new RegExp(`href="/cases/${reference}"`));
    assert.match(queue.body, /Take this case/);
    const taken = await worker.submit('/queues/street_scene', `/cases/${reference}/take`, {});
    assert.equal(taken.statusCode, 303);
    const mine = await worker.request({ url: '/cases' });
    assert.match(mine.body, new RegExp(reference));

    const blank = await worker.submit(`/cases/${reference}`, `/cases/${reference}/notes`, { text: '  ' });
    assert.equal(blank.statusCode, 400);
    assert.match(errorSummaryOf(blank.body), /Enter a note/);
    await worker.submit(`/cases/${reference}`, `/cases/${reference}/notes`, { text: 'Crew booked for Friday' });

    const page = await worker.request({ url: `/cases/${reference}` });
    const updatedAt = /name="updatedAt" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const noReason = await worker.request({ method: 'POST', url: `/cases/${reference}/status`, form: { _csrf: csrfTokenIn(page.body), status: 'resolved', reason: '', updatedAt } });
    assert.equal(noReason.statusCode, 400);
    assert.match(errorSummaryOf(noReason.body), /Enter how the request was resolved/);
    assert.match(noReason.body, /value="resolved" checked/, 'the choice is kept');
    const resolved = await worker.request({ method: 'POST', url: `/cases/${reference}/status`, form: { _csrf: csrfTokenIn(page.body), status: 'resolved', reason: 'Tyres <b>removed</b>', updatedAt } });
    assert.equal(resolved.statusCode, 303);
    const stale = await worker.request({ method: 'POST', url: `/cases/${reference}/status`, form: { _csrf: csrfTokenIn(page.body), status: 'closed', reason: '', updatedAt } });
    assert.equal(stale.statusCode, 409);
    assert.match(errorSummaryOf(stale.body), /changed by someone else/);
    const done = await worker.request({ url: `/cases/${reference}` });
    assert.match(done.body, /Crew booked for Friday/);
    assert.match(done.body, /Tyres &lt;b&gt;removed&lt;\/b&gt;/);
    assert.match(done.body, /govuk-tag--green">\s*Resolved/);
  });

  it('keeps files it recognises and sends them back as downloads only', async () => {
    const worker = await signedIn('worker@council.gov.uk');
    const page = await worker.request({ url: `/cases/${reference}` });
    const upload = async (name: string, content: Buffer) => {
      const boundary = '----onestop';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrfTokenIn(page.body)}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
        content, Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const cookie = [...worker.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      return app.inject({ method: 'POST', url: `/cases/${reference}/attachments`, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    };
    const refused = await upload('page.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    assert.equal(refused.statusCode, 400);
    assert.match(errorSummaryOf(refused.body), /must be a PDF, PNG, JPEG or plain text file/);
    const kept = await upload('letter.txt', Buffer.from('Dear council,\nThe tyres are still there.\n'));
    assert.equal(kept.statusCode, 303);
    const shown = await worker.request({ url: `/cases/${reference}` });
    const link = /href="(\/cases\/[^"]+\/attachments\/\d+)"/.exec(shown.body)?.[1] ?? '';
    const download = await worker.request({ url: link });
    assert.equal(download.statusCode, 200);
    assert.equal(download.headers['content-type'], 'text/plain');
    assert.equal(download.headers['content-disposition'], 'attachment; filename="letter.txt"; filename*=UTF-8\'\'letter.txt');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.equal(download.body, 'Dear council,\nThe tyres are still there.\n');
  });

  it('shows team leaders every queue with its figures, and no one else', async () => {
    await services.cases.raise(testActor, { service: 'fly-tipping', answers: flyTipping });
    const leader = await signedIn('leader@council.gov.uk');
    const queues = await leader.request({ url: '/queues' });
    assert.equal(queues.statusCode, 200);
    assert.match(queues.body, /govuk-service-navigation__link" href="\/queues"/);
    assert.match(queues.body, /<a class="govuk-link" href="\/queues\/street_scene">Street scene and cleansing<\/a>/);
    const agent = await signedIn('agent@council.gov.uk');
    assert.equal((await agent.request({ url: '/queues' })).statusCode, 403);
    assert.doesNotMatch((await agent.request({ url: '/people' })).body, /href="\/queues"/);
    const refused = await agent.submit(`/cases/${reference}`, `/cases/${reference}/notes`, { text: 'Hello' });
    assert.equal(refused.statusCode, 403);
  });

  it('raises a case outside a contact: service chosen, form checked, errors shown with what was typed', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const choose = await agent.request({ url: '/cases/new' });
    assert.equal(choose.statusCode, 200);
    assert.match(choose.body, /<option value="fly-tipping">Report fly-tipping<\/option>/);
    const form = await agent.request({ url: '/cases/new?service=fly-tipping' });
    const wrong = await agent.request({ method: 'POST', url: '/cases/new', form: { _csrf: csrfTokenIn(form.body), service: 'fly-tipping', person: '', location: '', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(errorSummaryOf(wrong.body), /Enter where the fly-tipping is/);
    assert.match(wrong.body, /<option value="tyres" selected>/);
    const noOne = await agent.request({ method: 'POST', url: '/cases/new', form: { _csrf: csrfTokenIn(form.body), service: 'fly-tipping', person: 'nobody', location: 'Mill Lane', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' } });
    assert.equal(noOne.statusCode, 400);
    assert.match(errorSummaryOf(noOne.body), /Enter the resident’s reference/);
    const raised = await agent.request({ method: 'POST', url: '/cases/new', form: { _csrf: csrfTokenIn(form.body), service: 'fly-tipping', person: '', location: 'Mill Lane', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' } });
    assert.equal(raised.statusCode, 303);
    const shown = await agent.request({ url: raised.headers.location as string });
    assert.match(shown.body, /The case was raised/);
    assert.match(shown.body, /Mill Lane/);
  });

  it('lists, reads, raises and moves cases through the API with the cases scopes', async () => {
    const reader = await services.staff.createApiToken('leader@council.gov.uk', 'reader', ['cases:read']);
    const writer = await services.staff.createApiToken('leader@council.gov.uk', 'writer', ['cases:read', 'cases:write']);
    const list = await app.inject({ url: '/api/v1/cases?team=street_scene&status=active', headers: { authorization: `Bearer ${reader}` } });
    assert.equal(list.statusCode, 200);
    assert.ok(list.json<{ total: number }>().total >= 1);
    assert.equal((await app.inject({ url: '/api/v1/cases?person=not-a-reference', headers: { authorization: `Bearer ${reader}` } })).statusCode, 400);
    const raised = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${reader}` }, payload: { service: 'fly-tipping', answers: flyTipping } });
    assert.equal(raised.statusCode, 403, 'cases:read cannot write');
    const made = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${writer}` }, payload: { service: 'fly-tipping', answers: flyTipping } });
    assert.equal(made.statusCode, 201);
    const created = made.json<{ reference: string; status: string; team: { code: string } }>();
    assert.deepEqual([created.status, created.team.code], ['open', 'street_scene']);
    const invalid = await app.inject({ method: 'POST', url: '/api/v1/cases', headers: { authorization: `Bearer ${writer}` }, payload: { service: 'fly-tipping', answers: { ...flyTipping, location: '' } } });
    assert.equal(invalid.statusCode, 400);
    assert.ok(Object.keys(invalid.json<{ fieldErrors: object }>().fieldErrors).includes('cases.0.location'));
    const moved = await app.inject({ method: 'POST', url: `/api/v1/cases/${created.reference}/status`, headers: { authorization: `Bearer ${writer}` }, payload: { status: 'cancelled', reason: 'Duplicate' } });
    assert.equal(moved.statusCode, 200);
    assert.equal(moved.json<{ status: string }>().status, 'cancelled');
    const noted = await app.inject({ method: 'POST', url: `/api/v1/cases/${created.reference}/notes`, headers: { authorization: `Bearer ${writer}` }, payload: { text: 'Merged into the first report' } });
    assert.equal(noted.statusCode, 201);
    const one = await app.inject({ url: `/api/v1/cases/${created.reference}`, headers: { authorization: `Bearer ${reader}` } });
    assert.deepEqual(one.json<{ events: Array<{ kind: string }> }>().events.map((event) => event.kind), ['opened', 'status', 'note']);
    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    assert.ok(document.paths['/api/v1/cases'] && document.paths['/api/v1/cases/{reference}'] && document.paths['/api/v1/cases/{reference}/status']);
  });
});
