import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../access/staff.ts';
import { addStaff, closeTestDatabase, freshServices, testActor } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { csrfTokenIn, signInAgent, type Agent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The catalogue pages and API: browse, try a form (errors re-rendered, nothing stored), and an administrator's edits.

describe('the service catalogue pages and API', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await servedApp(services);
    await addStaff(services, [['admin@council.gov.uk', 'admin'], ['agent@council.gov.uk', 'agent']] as Array<[string, Role]>);
    await services.catalogue.loadStarter(testActor);
  });
  after(async () => app.close());

  const signedIn = (email: string): Promise<Agent> => signInAgent(app, email, 'a long enough password');

  it('lists the services for any member of staff, with Services in the navigation', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const page = await agent.request({ url: '/services' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /govuk-service-navigation__link" href="\/services"/);
    assert.match(page.body, /<a class="govuk-link" href="\/services\/missed-bin">Missed bin collection<\/a>/);
    assert.doesNotMatch(page.body, /Change the catalogue/);
  });

  it('shows a service’s guidance beside its form, found by code or LGSL number', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const page = await agent.request({ url: '/services/524' });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Guidance for agents/);
    assert.match(page.body, /Check the round on the collection calendar/);
    assert.match(page.body, /data-aria-controls="conditional-answer-binType-3"|id="conditional-answer-binType-3"/);
    assert.match(page.body, /name="address-postcode"/);
    assert.equal((await agent.request({ url: '/services/no-such-service' })).statusCode, 404);
  });

  it('re-renders a tried form with the error summary and each field’s error, keeping the answers, and stores nothing', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const before = await services.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    const response = await agent.submit('/services/fly-tipping', '/services/fly-tipping', { location: '', wasteType: 'tyres', hazardous: 'yes', hazardDetails: '', witnessed: 'no' });
    assert.equal(response.statusCode, 400);
    assert.match(response.body, /<title>Error: Report fly-tipping/);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /href="#answer-location">Enter where the fly-tipping is<\/a>/);
    assert.match(response.body, /href="#answer-hazardDetails">Enter an answer to ‘Describe what could be hazardous’<\/a>/);
    assert.match(response.body, /<option value="tyres" selected>Tyres<\/option>/);
    const after = await services.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    assert.equal(Number(after.count), Number(before.count));
  });

  it('says where complete answers would go and when they would be due', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const page = await agent.request({ url: '/services/fly-tipping' });
    // Asked on the Thursday before Easter 2025: Good Friday and Easter Monday pass, three working days end on the 24th.
    services.clock.set('2025-04-17T14:00:00Z');
    try {
      const response = await agent.request({ method: 'POST', url: '/services/fly-tipping', form: { _csrf: csrfTokenIn(page.body), location: 'Hope Street', wasteType: 'tyres', hazardous: 'yes', hazardDetails: 'Oil drums', witnessed: 'no' } });
      assert.equal(response.statusCode, 200, response.body.slice(0, 500));
      assert.match(response.body, /These answers are complete/);
      assert.match(response.body, /Environmental health \(Rule 1: hazardous is yes\), due by 24 April 2025 at 5:00pm/);
    } finally {
      services.clock.set(new Date().toISOString());
    }
  });

  it('checks complete answers with the real clock too', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    const response = await agent.submit('/services/fly-tipping', '/services/fly-tipping', { location: 'Hope Street', wasteType: 'tyres', hazardous: 'yes', hazardDetails: 'Oil drums', witnessed: 'no' });
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /These answers are complete/);
  });

  it('lets an administrator change a service, and shows what is wrong with a bad form definition', async () => {
    const admin = await signedIn('admin@council.gov.uk');
    const edit = await admin.request({ url: '/admin/services/pothole' });
    assert.equal(edit.statusCode, 200);
    const fields = { name: 'Potholes', lgsl: '', team: 'highways', slaAmount: '3', slaUnit: 'working_days', guidance: 'Measure it.', active: 'yes', routing: '[]' };
    const bad = await admin.submit('/admin/services/pothole', '/admin/services/pothole', { ...fields, form: '{"fields": [{"name": "x", "label": "X", "type": "signature"}]}' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#form-definition"/);
    const saved = await admin.submit('/admin/services/pothole', '/admin/services/pothole', { ...fields, form: '{"fields": [{"name": "where", "label": "Where is it?", "type": "text", "required": true}]}' });
    assert.equal(saved.statusCode, 303);
    const service = await services.catalogue.get(testActor, 'pothole');
    assert.deepEqual([service.name, service.sla.amount, service.form.fields.length], ['Potholes', 3, 1]);
    assert.match((await admin.request({ url: '/admin/services?done=pothole' })).body, /Saved pothole/);
  });

  it('refuses the administrator’s pages to an agent', async () => {
    const agent = await signedIn('agent@council.gov.uk');
    assert.equal((await agent.request({ url: '/admin/services' })).statusCode, 403);
    assert.equal((await agent.request({ url: '/admin/services/pothole' })).statusCode, 403);
  });

  it('answers the API with the catalogue and a service’s form, described in the OpenAPI document', async () => {
    const token = await services.staff.createApiToken('agent@council.gov.uk', 'channels', ['services:read']);
    const headers = { authorization: `Bearer ${token}` };
    const list = await app.inject({ url: '/api/v1/services', headers });
    assert.equal(list.statusCode, 200, list.body);
    assert.ok(list.json<{ services: unknown[] }>().services.length >= 25);
    const one = await app.inject({ url: '/api/v1/services/524', headers });
    assert.equal(one.statusCode, 200, one.body);
    const body = one.json<{ code: string; team: { code: string }; form: { fields: Array<{ name: string; showWhen?: unknown }> } }>();
    assert.equal(body.code, 'missed-bin');
    assert.equal(body.team.code, 'waste_services');
    assert.deepEqual(body.form.fields.find((field) => field.name === 'gardenPermit')?.showWhen, { field: 'binType', equals: ['garden'] });
    assert.equal((await app.inject({ url: '/api/v1/services/nothing', headers })).statusCode, 404);
    const document = (await app.inject({ url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    assert.ok(document.paths['/api/v1/services'] && document.paths['/api/v1/services/{code}']);
  });
});
