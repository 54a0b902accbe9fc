import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { closeTestDatabase, freshServices, tempDir, testActor, writeFile } from '../../test-support.ts';
import { servedApp } from '../routes.test-support.ts';
import { csrfTokenIn, errorSummaryOf, signInAgent } from '../auth/agent.test-support.ts';

after(closeTestDatabase);

// The desk and the contact API through the real app: a call popped by the telephony API, then the agent's whole call
// on plain forms (no JavaScript), and the resident's timeline afterwards.

const password = 'a long enough password';
const extract = ['source_id,given_name,family_name,dob,postcode,address_line1,uprn,phone', 'CT1,Jane,Smith,1980-04-01,L1 8JQ,1 High Street,100012345678,07700 900123'].join('\n');
const missedBin = { 'c0-binType': 'general', 'c0-outOnTime': 'yes', 'c0-address-line1': '1 High Street', 'c0-address-postcode': 'L1 8JQ' };
const move = { 'c1-accountNumber': '12345678', 'c1-moveType': 'in', 'c1-moveDate-day': '1', 'c1-moveDate-month': '11', 'c1-moveDate-year': '2026', 'c1-newAddress-line1': '1 High Street', 'c1-newAddress-postcode': 'L1 8JQ' };

describe('the desk and the contact API', () => {
  let services: Awaited<ReturnType<typeof freshServices>>;
  let app: FastifyInstance;
  let token: string;
  let jane: string;

  before(async () => {
    services = await freshServices(new Date().toISOString());
    app = await servedApp(services);
    await services.staff.addUser({ email: 'agent@council.gov.uk', displayName: 'Alex Agent', password, role: 'agent' });
    await services.staff.addUser({ email: 'switch@council.gov.uk', displayName: 'Telephony', password, role: 'agent' });
    await services.catalogue.loadStarter(testActor);
    await services.imports.registerSystem({ code: 'council_tax', name: 'Council tax', trust: 90 });
    await services.imports.importFile({ systemCode: 'council_tax', filePath: writeFile(tempDir(), 'ct.csv', extract), actor: testActor });
    jane = (await services.people.search(testActor, { q: 'Jane Smith' })).hits[0]?.reference ?? '';
    token = await services.staff.createApiToken('switch@council.gov.uk', 'telephony', ['calls:write']);
  });
  after(async () => app.close());

  const call = (body: Record<string, unknown>, bearer = token) => app.inject({ method: 'POST', url: '/api/v1/calls', headers: { authorization: `Bearer ${bearer}` }, payload: body });

  it('pops a call onto the agent’s desk, once per call id, and refuses a token without calls:write', async () => {
    const first = await call({ callerNumber: '07700 900123', callId: 'sw-1001', agentEmail: 'agent@council.gov.uk' });
    assert.equal(first.statusCode, 201, first.body);
    const popped = first.json<{ contactId: number; url: string; person: { reference: string } | null }>();
    assert.equal(popped.person?.reference, jane);
    const again = await call({ callerNumber: '07700 900123', callId: 'sw-1001', agentEmail: 'agent@council.gov.uk' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<{ contactId: number }>().contactId, popped.contactId);
    const reader = await services.staff.createApiToken('switch@council.gov.uk', 'reader', ['contacts:read']);
    assert.equal((await call({ callerNumber: '07700 900123', callId: 'sw-1003', agentEmail: 'agent@council.gov.uk' }, reader)).statusCode, 403);
    const agent = await signInAgent(app, 'agent@council.gov.uk', password);
    const desk = await agent.request({ url: '/desk' });
    assert.equal(desk.statusCode, 200);
    assert.match(desk.body, /govuk-service-navigation__link" href="\/desk"/);
    assert.ok(desk.body.includes(`<a class="govuk-link govuk-!-font-weight-bold" href="${popped.url}">Incoming call from 07700 900123 — Jane Smith (${jane})</a>`), desk.body.slice(desk.body.indexOf('open-calls'), desk.body.indexOf('open-calls') + 400));
    const ended = await app.inject({ method: 'POST', url: '/api/v1/calls/sw-1001/end', headers: { authorization: `Bearer ${token}` } });
    assert.equal(ended.statusCode, 200, ended.body);
    assert.ok(ended.json<{ endedAt: string | null }>().endedAt);
  });

  it('takes a whole call on plain forms: resident at a glance, two services, a mistake, the check, two references, wrap-up', async () => {
    const popped = (await call({ callerNumber: '07700 900123', callId: 'sw-2001', agentEmail: 'agent@council.gov.uk' })).json<{ url: string; contactId: number }>();
    const agent = await signInAgent(app, 'agent@council.gov.uk', password);
    const contactPage = await agent.request({ url: popped.url });
    assert.equal(contactPage.statusCode, 200, contactPage.body.slice(0, 800));
    assert.match(contactPage.body, /Contact with Jane Smith/);
    assert.match(contactPage.body, /1 High Street/);
    assert.match(contactPage.body, /name="service" type="checkbox" value="missed-bin"/);

    assert.equal((await agent.request({ url: `${popped.url}/forms` })).statusCode, 400, 'choosing nothing is an error');
    const forms = await agent.request({ url: `${popped.url}/forms?service=missed-bin&service=council-tax-move` });
    assert.equal(forms.statusCode, 200);
    assert.match(forms.body, /Check the round on the collection calendar/);
    assert.match(forms.body, /Take the date the resident moved/);
    assert.match(forms.body, /name="c1-moveDate-day"/);

    const csrf = csrfTokenIn(forms.body);
    const body = (fields: Record<string, string>) => new URLSearchParams([['_csrf', csrf], ['service', 'missed-bin'], ['service', 'council-tax-move'], ...Object.entries(fields)]).toString();
    const post = (url: string, fields: Record<string, string>) => app.inject({ method: 'POST', url, headers: { cookie: [...agent.cookies].map(([name, value]) => `${name}=${value}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' }, payload: body(fields) });

    const wrong = await post(`${popped.url}/check`, { ...missedBin, ...move, 'c1-accountNumber': '12' });
    assert.equal(wrong.statusCode, 400);
    assert.match(errorSummaryOf(wrong.body), /Council tax: moving home: Enter the account number: 8 to 10 digits/);
    assert.match(wrong.body, /href="#answer-c1-accountNumber"/);
    assert.match(wrong.body, /id="answer-c0-address-line1" name="c0-address-line1" type="text" value="1 High Street"/);

    const check = await post(`${popped.url}/check`, { ...missedBin, ...move });
    assert.equal(check.statusCode, 200, errorSummaryOf(check.body));
    assert.match(check.body, /General waste/);
    assert.match(check.body, /1 November 2026/);
    assert.match(check.body, /Raise the 2 cases/);
    assert.equal((await services.db.selectFrom('service_case').select('id').where('contact_id', '=', popped.contactId).execute()).length, 0, 'checking raises nothing');

    const raised = await post(`${popped.url}/cases`, { ...missedBin, ...move });
    assert.equal(raised.statusCode, 303, raised.body.slice(0, 500));
    const wrapUp = await agent.request({ url: `${popped.url}/wrap-up` });
    const references = [...wrapUp.body.matchAll(/<strong>(SR-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/g)].map((match) => match[1]);
    assert.equal(references.length, 2, wrapUp.body.slice(0, 2000));
    assert.match(wrapUp.body, /2 cases raised/);
    assert.match(wrapUp.body, /value="case_raised" checked/);

    const incomplete = await agent.request({ method: 'POST', url: `${popped.url}/wrap-up`, form: { _csrf: csrfTokenIn(wrapUp.body), outcome: 'case_raised', avoidable: 'yes', summary: 'Kept' } });
    assert.equal(incomplete.statusCode, 400);
    assert.match(errorSummaryOf(incomplete.body), /Select whether the contact was resolved at first contact/);
    assert.match(errorSummaryOf(incomplete.body), /Select why the contact could have been avoided/);
    assert.match(incomplete.body, />Kept<\/textarea>/);
    const done = await agent.request({ method: 'POST', url: `${popped.url}/wrap-up`, form: { _csrf: csrfTokenIn(wrapUp.body), outcome: 'case_raised', resolvedFirstContact: 'yes', avoidable: 'no', summary: '' } });
    assert.equal(done.statusCode, 303);
    const desk = await agent.request({ url: done.headers.location as string });
    assert.match(desk.body, new RegExp(references[0] ?? 'missing'));
    assert.doesNotMatch(desk.body, /sw-2001|href="\/desk\/contacts\/\d+">Incoming call from 07700 900123 — Jane Smith[^<]*<\/a>[\s\S]*href="\/desk\/contacts\/\d+">Incoming call from 07700 900123 — Jane Smith/);

    const timeline = await agent.request({ url: `/people/${jane}/contacts` });
    assert.equal(timeline.statusCode, 200);
    for (const reference of references) assert.match(timeline.body, new RegExp(`href="/cases/${reference}"`));
    assert.match(timeline.body, /Phone call in/);
    assert.match(timeline.body, /Outcome: Case raised \(resolved at first contact\)/);
    const overview = await agent.request({ url: `/people/${jane}` });
    assert.match(overview.body, /All contacts and cases/);

    const reader = await services.staff.createApiToken('switch@council.gov.uk', 'reader', ['contacts:read']);
    const api = await app.inject({ url: `/api/v1/people/${jane}/timeline?limit=2`, headers: { authorization: `Bearer ${reader}` } });
    assert.equal(api.statusCode, 200, api.body);
    const page = api.json<{ entries: Array<{ kind: string }>; next: string | null }>();
    assert.equal(page.entries.length, 2);
    assert.ok(page.next);
  });

  it('records a whole contact through the API in one transaction, or nothing at all', async () => {
    const writer = await services.staff.createApiToken('switch@council.gov.uk', 'web forms', ['contacts:write']);
    const send = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/contacts', headers: { authorization: `Bearer ${writer}` }, payload });
    const contacts = async () => (await services.db.selectFrom('contact').select('id').execute()).length;
    const before = await contacts();
    const bad = await send({
      channel: 'web', person: jane, resolvedFirstContact: true, avoidable: false,
      cases: [{ service: 'missed-bin', answers: { binType: 'general', outOnTime: 'yes', 'address-line1': '1 High Street', 'address-postcode': 'L1 8JQ' } }, { service: 'council-tax-move', answers: { accountNumber: '1' } }],
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(await contacts(), before);
    const good = await send({
      channel: 'web', person: jane, resolvedFirstContact: true, avoidable: false, summary: 'Web form',
      cases: [{ service: 'missed-bin', answers: { binType: 'general', outOnTime: 'yes', 'address-line1': '1 High Street', 'address-postcode': 'L1 8JQ' } }],
    });
    assert.equal(good.statusCode, 201, good.body);
    const json = good.json<{ contact: { outcome: string; status: string }; cases: Array<{ reference: string }> }>();
    assert.deepEqual([json.contact.outcome, json.contact.status, json.cases.length], ['case_raised', 'wrapped', 1]);
  });
});

