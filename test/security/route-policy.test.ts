import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { policy } from '../../src/access/policy.ts';
import { isDeclaredPublic, registeredRoutes, routePolicy, ruleFor } from '../../src/access/route-policy.ts';
import { testActor } from '../../src/test-support.ts';
import { insertSuggestions } from '../../src/matching/review.repository.ts';
import { changedDigests, digest, importCsv, recordOf, startSecurityApp, type Member, type SecurityApp } from './security-support.ts';
import { seedOneStopShop, type OneStopShopSeeds } from '../../src/visits/visit.test-support.ts';

// Every route the app serves, as every role, with every verb: what the policy table says is what happens. Allowed
// calls carry valid input (so the domain services' own checks are reached and must agree); refused ones are 403
// and change no row.

const verbs = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const header = 'source_id,given_name,family_name,dob,postcode,address_line1,town,ni_number';
const actors = 8;
const indexes = [...Array(actors).keys()];
const letter = (k: number) => 'abcdefgh'.charAt(k);
const ni = (prefix: string, k: number) => `${prefix}${String(100_000 + k * 11).padStart(6, '0')}A`;

let s: SecurityApp;
type Seeds = {
  splits: Array<{ reference: string; recordId: number }>; merges: Array<[string, string]>; changes: number[];
  reviews: Array<Record<'link' | 'not-same' | 'skip', number>>; breakGlass: number[]; holds: number[]; targetUserId: number; restrictedReference: string; importId: number; rejectsImportId: number;
  /** Cases (src/cases): one per member for each write, assigned to them (or to no one and no team, to be taken). */
  cases: Record<'status' | 'notes' | 'assign' | 'take' | 'attachments' | 'apiStatus' | 'apiNotes', string[]>; attachment: { reference: string; id: number };
  /** The One Stop Shop (src/visits): one set, shared; a second write to the same visit or appointment is a 409. */
  oneStopShop: OneStopShopSeeds;
};
let seeds: Seeds;

before(async () => {
  s = await startSecurityApp(async (services) => {
    const rows = indexes.flatMap((k) => [
      `S${k},Split${letter(k)},Person,1960-01-${10 + k},L1 8JQ,${k} Split Road,Liverpool,${ni('JC', k)}`,
      `MA${k},Mergea${letter(k)},Person,1961-02-${10 + k},L2 8JQ,${k} Merge Road,Liverpool,`, `MB${k},Mergeb${letter(k)},Person,1962-03-${10 + k},L3 8JQ,${k} Merge Lane,Liverpool,`,
      `UA${k},Undoa${letter(k)},Person,1963-04-${10 + k},L4 8JQ,${k} Undo Road,Liverpool,`, `UB${k},Undob${letter(k)},Person,1964-05-${10 + k},L5 8JQ,${k} Undo Lane,Liverpool,`,
      ...['link', 'notsame', 'skip'].map((action, a) => `R${k}${action},Review${action}${letter(k)},Person,1965-0${a + 1}-${10 + k},L6 8JQ,${k} Review Road,Liverpool,`),
    ]);
    await importCsv(services, 'council_tax', [header, ...rows, 'C1,Candidate,Person,1950-01-01,L7 8JQ,1 Candidate Road,Liverpool,', 'BAD1,Bad,Date,31/02/1975,L8 1AA,,,']);
    await importCsv(services, 'housing_benefit', [header, ...indexes.map((k) => `H${k},Split${letter(k)},Person,1960-01-${10 + k},L1 8JQ,${k} Split Road,Liverpool,${ni('JC', k)}`)]);
    await importCsv(services, 'adult_social_care', [header, 'ASC1,Restricted,Resident,1940-01-01,L9 8JQ,1 Care Road,Liverpool,']);
    // An account for administrators to disable and enable, so that no member's own session ends.
    await services.staff.addUser({ email: 'target@test.gov.uk', displayName: 'Target', password: 'a-long-password-for-tests', role: 'agent' });
    await services.catalogue.loadStarter(testActor);
  });
  const db = s.database;
  const splits = await Promise.all(indexes.map(async (k) => {
    const [ct, hb] = [await recordOf(db, `S${k}`), await recordOf(db, `H${k}`)];
    assert.equal(ct.personId, hb.personId, `S${k} and H${k} should be one resident`);
    return { reference: ct.reference, recordId: hb.recordId };
  }));
  const merges = await Promise.all(indexes.map(async (k) => [(await recordOf(db, `MA${k}`)).reference, (await recordOf(db, `MB${k}`)).reference] as [string, string]));
  const changes: number[] = [];
  for (const k of indexes) {
    const change = await s.services.merges.mergePersons(testActor, (await recordOf(db, `UA${k}`)).personId, (await recordOf(db, `UB${k}`)).personId, 'to be undone');
    changes.push(change.id);
  }
  const candidate = await recordOf(db, 'C1');
  const explanation = { prior: 0.01, fields: [], totalWeight: 0, probability: 0.5, band: 'review', summary: 'A pair made up for the test' };
  const reviews: Seeds['reviews'] = [];
  for (const k of indexes) {
    const ids = {} as Record<'link' | 'not-same' | 'skip', number>;
    for (const [action, source] of [['link', 'link'], ['not-same', 'notsame'], ['skip', 'skip']] as const) {
      const record = await recordOf(db, `R${k}${source}`);
      await insertSuggestions(s.services.db, [{ recordId: record.recordId, personId: candidate.personId, sourceRecordId: candidate.recordId, weight: 1, probability: 0.5, evidence: explanation as never, modelVersion: 1 }], new Date());
      const row = await s.services.db.selectFrom('match_review').select('id').where('source_record_id', '=', record.recordId).executeTakeFirstOrThrow();
      ids[action] = Number(row.id);
    }
    reviews.push(ids);
  }
  const restricted = await recordOf(db, 'ASC1');
  const breakGlass: number[] = [];
  for (const k of indexes) breakGlass.push((await s.services.breakGlass.open(s.member('agent').actor, restricted.personId, `Emergency number ${k}: a fall at home`)).id);
  const holds: number[] = [];
  for (const k of indexes) holds.push((await s.services.privacy.placeHold(testActor, splits[k]?.reference ?? '', `Litigation pending, number ${k}`)).id);
  const runs = await s.services.imports.listRuns(10);
  const rejects = runs.find((run) => run.counts.rejected > 0);
  assert.ok(rejects && runs[0]);
  const target = await s.services.staff.findUserByEmail('target@test.gov.uk');
  assert.ok(target);
  const flyTipping = { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' };
  const raiseCase = async (assigneeId: number | null) => {
    const { reference } = await s.services.cases.raise(testActor, { service: 'fly-tipping', answers: flyTipping });
    await s.services.cases.assign(testActor, reference, { team: null, assigneeId });
    return reference;
  };
  const cases = {} as Seeds['cases'];
  for (const kind of ['status', 'notes', 'assign', 'take', 'attachments', 'apiStatus', 'apiNotes'] as const) {
    cases[kind] = [];
    for (const member of allMembers()) cases[kind].push(await raiseCase(kind === 'assign' || kind === 'take' ? null : member.userId));
  }
  const attachmentCase = await raiseCase(null);
  const attachmentId = await s.services.cases.addAttachment(testActor, attachmentCase, { fileName: 'letter.txt', content: Buffer.from('Dear council\n') });
  seeds = { splits, merges, changes, reviews, breakGlass, holds, targetUserId: target.id, restrictedReference: restricted.reference, importId: runs[0].id, rejectsImportId: rejects.id, cases, attachment: { reference: attachmentCase, id: attachmentId }, oneStopShop: await seedOneStopShop(s.services) };
});
after(async () => { await s?.close(); });

type Call = { url: string; body?: Record<string, unknown> | string; headers?: Record<string, string>; freshSession?: boolean };

function caseUpload(csrf: string): { body: string; headers: Record<string, string> } {
  const boundary = 'security-test-boundary';
  return { body: `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="note.txt"\r\nContent-Type: text/plain\r\n\r\nThe tyres are still there.\r\n--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function multipart(csrf: string): { body: string; headers: Record<string, string> } {
  const boundary = 'security-test-boundary';
  const part = (name: string, value: string, file?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
  return { body: `${part('_csrf', csrf)}${part('system', 'council_tax')}${part('file', 'source_id,given_name\nNEW1,Newcomer\n', 'new.csv')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A call to each route that a role allowed it can make with valid input; k picks the member's own records. */
const calls: Record<string, (member: Member, k: number) => Call> = {
  'GET /': () => ({ url: '/' }),
  'GET /sign-in': () => ({ url: '/sign-in' }),
  'POST /sign-in': (_m, k) => ({ url: '/sign-in', body: { email: `nobody${k}@test.gov.uk`, password: 'not the password' } }),
  'GET /sign-in/code': () => ({ url: '/sign-in/code' }),
  'POST /sign-in/code': () => ({ url: '/sign-in/code', body: { code: '123456' } }),
  'GET /healthz': () => ({ url: '/healthz' }),
  'GET /readyz': () => ({ url: '/readyz' }),
  'GET /stylesheets/govuk-frontend.css': () => ({ url: '/stylesheets/govuk-frontend.css' }),
  'GET /stylesheets/moj-frontend.css': () => ({ url: '/stylesheets/moj-frontend.css' }),
  'GET /assets/*': () => ({ url: '/assets/images/favicon.ico' }),
  'GET /javascripts/vendor/*': () => ({ url: '/javascripts/vendor/govuk-frontend.min.js' }),
  'GET /static/*': () => ({ url: '/static/application.css' }),
  'GET /api/v1/openapi.json': () => ({ url: '/api/v1/openapi.json' }),
  'POST /sign-out': () => ({ url: '/sign-out', body: {}, freshSession: true }),
  'POST /session/extend': () => ({ url: '/session/extend', body: {} }),
  'GET /account/two-factor': () => ({ url: '/account/two-factor' }),
  'POST /account/two-factor': () => ({ url: '/account/two-factor', body: { code: '000000' } }),
  'GET /people': () => ({ url: '/people?q=Person' }),
  'GET /people/:reference': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}` }),
  'GET /people/:reference/records': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/records` }),
  'GET /people/:reference/addresses': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/addresses` }),
  'GET /people/:reference/history': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/history` }),
  'POST /people/:reference/reveal': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/reveal`, body: { reason: 'The caller asked to check it' } }),
  'POST /people/:reference/break-glass': () => ({ url: `/people/${seeds.restrictedReference}/break-glass`, body: { reason: 'Caller says the resident has had a fall' } }),
  'GET /people/:reference/merge': (_m, k) => ({ url: `/people/${seeds.merges[k]?.[0]}/merge?other=${seeds.merges[k]?.[1]}` }),
  'POST /people/:reference/merge': (_m, k) => ({ url: `/people/${seeds.merges[k]?.[0]}/merge`, body: { other: seeds.merges[k]?.[1] ?? '', reason: 'The same person twice' } }),
  'POST /people/:reference/split': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/split`, body: { records: String(seeds.splits[k]?.recordId), reason: 'Someone else' } }),
  'POST /changes/:id/undo': (_m, k) => ({ url: `/changes/${seeds.changes[k]}/undo`, body: { reason: 'Merged by mistake', back: '/people' } }),
  'GET /people/:reference/privacy': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/privacy` }),
  'POST /people/:reference/privacy/preferences': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/privacy/preferences`, body: { channel: 'email', purpose: 'service_updates', granted: 'yes', source: 'phone' } }),
  'POST /people/:reference/privacy/corrections': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/privacy/corrections`, body: { field: 'town', value: 'Liverpool', reason: 'Resident asked' } }),
  'POST /people/:reference/privacy/holds': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/privacy/holds`, body: { reason: 'Litigation pending' } }),
  'POST /people/:reference/privacy/holds/:id/release': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/privacy/holds/${seeds.holds[k]}/release`, body: {} }),
  'GET /people/:reference/erase': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/erase` }),
  'POST /people/:reference/erase': () => ({ url: `/people/${seeds.restrictedReference}/erase`, body: {} }),
  'GET /people/:reference/subject-access': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/subject-access` }),
  'GET /people/:reference/subject-access.json': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/subject-access.json` }),
  'GET /people/:reference/subject-access.html': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/subject-access.html` }),
  'GET /privacy': () => ({ url: '/privacy' }),
  'POST /privacy/retention': () => ({ url: '/privacy/retention', body: { systemCode: 'council_tax', years: '6', basis: 'last_seen' } }),
  'POST /privacy/retention/run': () => ({ url: '/privacy/retention/run', body: {} }),
  'GET /reviews': () => ({ url: '/reviews' }),
  'GET /reviews/:id': (_m, k) => ({ url: `/reviews/${seeds.reviews[k]?.skip}` }),
  'POST /reviews/:id/link': (_m, k) => ({ url: `/reviews/${seeds.reviews[k]?.link}/link`, body: {} }),
  'POST /reviews/:id/not-same': (_m, k) => ({ url: `/reviews/${seeds.reviews[k]?.['not-same']}/not-same`, body: { reason: 'Different people' } }),
  'POST /reviews/:id/skip': (_m, k) => ({ url: `/reviews/${seeds.reviews[k]?.skip}/skip`, body: {} }),
  'GET /matching': () => ({ url: '/matching' }),
  'POST /matching/relink': () => ({ url: '/matching/relink', body: {} }),
  'GET /break-glass': () => ({ url: '/break-glass' }),
  'POST /break-glass/:id/reviewed': (_m, k) => ({ url: `/break-glass/${seeds.breakGlass[k]}/reviewed`, body: {} }),
  'GET /admin/systems': () => ({ url: '/admin/systems' }),
  'GET /services': () => ({ url: '/services' }),
  'GET /services/:code': () => ({ url: '/services/missed-bin' }),
  'POST /services/:code': () => ({ url: '/services/fly-tipping', body: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' } }),
  'GET /admin/services': () => ({ url: '/admin/services' }),
  'GET /admin/services/:code': () => ({ url: '/admin/services/pothole' }),
  'POST /admin/services/:code': () => ({ url: '/admin/services/pothole', body: { name: 'Report a pothole', lgsl: '', team: 'highways', slaAmount: '5', slaUnit: 'working_days', guidance: 'Measure it.', active: 'yes', form: '{"fields": []}', routing: '[]' } }),
  'GET /api/v1/services': () => ({ url: '/api/v1/services' }),
  'GET /api/v1/services/:code': () => ({ url: '/api/v1/services/524' }),
  'POST /admin/systems/:code': () => ({ url: '/admin/systems/council_tax', body: { name: 'Council Tax', trust: '60', team: '' } }),
  'GET /admin/staff': () => ({ url: '/admin/staff' }),
  'GET /admin/webhooks': () => ({ url: '/admin/webhooks' }),
  'POST /admin/webhooks/deliveries/:id/redrive': () => ({ url: '/admin/webhooks/deliveries/987654/redrive', body: {} }),
  'POST /admin/staff/:id/disable': () => ({ url: `/admin/staff/${seeds.targetUserId}/disable`, body: {} }),
  'POST /admin/staff/:id/enable': () => ({ url: `/admin/staff/${seeds.targetUserId}/enable`, body: {} }),
  'POST /admin/teams': (_m, k) => ({ url: '/admin/teams', body: { code: `team_${k}`, name: `Team ${k}`, contact: 'Reception' } }),
  'GET /audit': () => ({ url: '/audit' }),
  'GET /audit/verify': () => ({ url: '/audit/verify' }),
  'GET /imports': () => ({ url: '/imports' }),
  'POST /imports': (member) => ({ url: '/imports', ...multipart(member.csrf) }),
  'GET /imports/:id': () => ({ url: `/imports/${seeds.importId}` }),
  'GET /imports/:id/rejects': () => ({ url: `/imports/${seeds.rejectsImportId}/rejects` }),
  'GET /api/v1/people': () => ({ url: '/api/v1/people?q=Person' }),
  'GET /api/v1/people/:id': (_m, k) => ({ url: `/api/v1/people/${seeds.splits[k]?.reference}` }),
  'GET /api/v1/stats': () => ({ url: '/api/v1/stats' }),
  'POST /api/v1/match': () => ({ url: '/api/v1/match', body: { given_name: 'Split', family_name: 'Person' } }),
  'GET /api/v1/imports': () => ({ url: '/api/v1/imports' }),
  'GET /api/v1/imports/:id': () => ({ url: `/api/v1/imports/${seeds.importId}` }),
  'POST /api/v1/imports': () => ({ url: '/api/v1/imports?system=council_tax', body: 'source_id,given_name\nAPI1,Newcomer\n', headers: { 'content-type': 'text/csv' } }),
  'GET /cases': () => ({ url: '/cases' }),
  'GET /cases/new': () => ({ url: '/cases/new?service=fly-tipping' }),
  'POST /cases/new': () => ({ url: '/cases/new', body: { service: 'fly-tipping', location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' } }),
  'GET /cases/:reference': (_m, k) => ({ url: `/cases/${seeds.cases.status[k]}` }),
  'POST /cases/:reference/status': (_m, k) => ({ url: `/cases/${seeds.cases.status[k]}/status`, body: { status: 'in_progress', reason: '' } }),
  'POST /cases/:reference/notes': (_m, k) => ({ url: `/cases/${seeds.cases.notes[k]}/notes`, body: { text: 'Called the resident back' } }),
  'POST /cases/:reference/assign': (member, k) => ({ url: `/cases/${seeds.cases.assign[k]}/assign`, body: { team: '', assignee: String(member.userId) } }),
  'POST /cases/:reference/take': (_m, k) => ({ url: `/cases/${seeds.cases.take[k]}/take`, body: {} }),
  'POST /cases/:reference/attachments': (member, k) => ({ url: `/cases/${seeds.cases.attachments[k]}/attachments`, ...caseUpload(member.csrf) }),
  'GET /cases/:reference/attachments/:id': () => ({ url: `/cases/${seeds.attachment.reference}/attachments/${seeds.attachment.id}` }),
  'GET /queues': () => ({ url: '/queues' }),
  'GET /queues/:team': () => ({ url: '/queues/street_scene' }),
  'GET /api/v1/cases': () => ({ url: '/api/v1/cases?team=street_scene' }),
  'GET /api/v1/cases/:reference': (_m, k) => ({ url: `/api/v1/cases/${seeds.cases.status[k]}` }),
  'POST /api/v1/cases': () => ({ url: '/api/v1/cases', body: { service: 'fly-tipping', answers: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' } } }),
  'POST /api/v1/cases/:reference/status': (_m, k) => ({ url: `/api/v1/cases/${seeds.cases.apiStatus[k]}/status`, body: { status: 'waiting' } }),
  'POST /api/v1/cases/:reference/notes': (_m, k) => ({ url: `/api/v1/cases/${seeds.cases.apiNotes[k]}/notes`, body: { text: 'Called the resident back' } }),
  'GET /one-stop-shop': () => ({ url: '/one-stop-shop' }),
  'POST /one-stop-shop/call-next': (_m, k) => ({ url: '/one-stop-shop/call-next', body: { desk: `Desk ${k + 1}` } }),
  'GET /one-stop-shop/tickets/new': () => ({ url: '/one-stop-shop/tickets/new' }),
  'POST /one-stop-shop/tickets': () => ({ url: '/one-stop-shop/tickets', body: { visitorName: 'Walk-in', serviceCode: 'missed-bin', action: 'issue' } }),
  'GET /one-stop-shop/visits/:id': () => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.call}` }),
  'POST /one-stop-shop/visits/:id/call': (_m, k) => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.call}/call`, body: { desk: `Desk ${k + 1}` } }),
  'POST /one-stop-shop/visits/:id/finish': () => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.finish}/finish`, body: { outcome: 'resolved', resolvedFirstTime: 'yes' } }),
  'POST /one-stop-shop/visits/:id/left': () => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.left}/left`, body: {} }),
  'GET /one-stop-shop/appointments': () => ({ url: '/one-stop-shop/appointments' }),
  'GET /one-stop-shop/appointments/new': () => ({ url: '/one-stop-shop/appointments/new' }),
  'POST /one-stop-shop/appointments': () => ({ url: '/one-stop-shop/appointments', body: { day: seeds.oneStopShop.day, length: '15', time: '10:00', visitorName: 'Sam Jones', action: 'book' } }),
  'GET /one-stop-shop/appointments/:id': () => ({ url: `/one-stop-shop/appointments/${seeds.oneStopShop.appointments.cancel}` }),
  'POST /one-stop-shop/appointments/:id/cancel': () => ({ url: `/one-stop-shop/appointments/${seeds.oneStopShop.appointments.cancel}/cancel`, body: { reason: 'Resident rang' } }),
  'POST /one-stop-shop/appointments/:id/no-show': () => ({ url: `/one-stop-shop/appointments/${seeds.oneStopShop.appointments.noShow}/no-show`, body: {} }),
  'POST /one-stop-shop/appointments/:id/check-in': () => ({ url: `/one-stop-shop/appointments/${seeds.oneStopShop.appointments.checkIn}/check-in`, body: {} }),
  // The contact centre's desk and the contact API (src/contacts): one open contact and one popped call, shared.
  'GET /desk': () => ({ url: '/desk' }),
  'POST /desk/contacts': () => ({ url: '/desk/contacts', body: { channel: 'web' } }),
  'GET /desk/contacts/:id': () => ({ url: `/desk/contacts/${desk.contact}` }),
  'POST /desk/contacts/:id/person': (_m, k) => ({ url: `/desk/contacts/${desk.contact}/person`, body: { person: seeds.splits[k]?.reference ?? '' } }),
  'GET /desk/contacts/:id/forms': () => ({ url: `/desk/contacts/${desk.contact}/forms?service=missed-bin` }),
  'POST /desk/contacts/:id/check': () => ({ url: `/desk/contacts/${desk.contact}/check`, body: { service: 'missed-bin', 'c0-binType': 'general' } }),
  'POST /desk/contacts/:id/cases': () => ({ url: `/desk/contacts/${desk.contact}/cases`, body: { service: 'missed-bin', 'c0-binType': 'general', 'c0-outOnTime': 'yes', 'c0-address-line1': '1 High Street', 'c0-address-postcode': 'L1 8JQ' } }),
  'GET /desk/contacts/:id/wrap-up': () => ({ url: `/desk/contacts/${desk.contact}/wrap-up` }),
  'POST /desk/contacts/:id/wrap-up': () => ({ url: `/desk/contacts/${desk.contact}/wrap-up`, body: { outcome: 'information', resolvedFirstContact: 'yes', avoidable: 'no' } }),
  'GET /people/:reference/contacts': (_m, k) => ({ url: `/people/${seeds.splits[k]?.reference}/contacts` }),
  'POST /api/v1/calls': (member, k) => ({ url: '/api/v1/calls', body: { callerNumber: '07700 900123', callId: `policy-${k}`, agentEmail: member.email } }),
  'POST /api/v1/calls/:callId/end': () => ({ url: `/api/v1/calls/${desk.callId}/end` }),
  'POST /api/v1/contacts': () => ({ url: '/api/v1/contacts', body: { channel: 'web', outcome: 'information', resolvedFirstContact: true, avoidable: false } }),
  'GET /api/v1/people/:id/timeline': (_m, k) => ({ url: `/api/v1/people/${seeds.splits[k]?.reference}/timeline` }),
};

/** The desk's seeds (src/contacts): one open contact and one popped call, made once the app is up. */
const desk = { contact: 0, callId: 'policy-seeded' };

const allMembers = () => [...s.members, s.carer, s.childWorker];

function mayUse(member: Member, method: string, url: string): boolean {
  const rule = ruleFor(method, url);
  if (rule === undefined) return false;
  return rule === 'public' || rule === 'signed_in' || policy[rule].includes(member.role);
}

type Outcome = 'allowed' | 'refused' | 'not found';
function outcomeOf(status: number): Outcome | undefined {
  if (status === 403) return 'refused';
  if (status === 404 || status === 405) return 'not found';
  if ((status >= 200 && status < 400) || status === 400 || status === 409) return 'allowed';
  return undefined;
}

async function send(member: Member, method: string, call: Call) {
  const cookie = call.freshSession && method === 'POST' ? `${await s.freshCookie(member)}; ${member.cookie.split('; ').slice(1).join('; ')}` : undefined;
  const response = await s.call(member, method, call.url, call.body, { ...(cookie ? { cookie } : {}), ...call.headers });
  return response;
}

describe('the route policy', () => {
  before(async () => {
    desk.contact = await s.services.contacts.start(testActor, { channel: 'phone_in' });
    await s.services.contacts.screenPop(testActor, { callerNumber: '07700 900123', callId: desk.callId, agentEmail: s.members[0]?.email ?? '' });
  });

  it('has a line for every route the app serves, and no line for a route it does not', () => {
    const served = new Set(registeredRoutes(s.app).filter((route) => !route.startsWith('HEAD ')));
    const unmapped = [...served].filter((route) => !(route in routePolicy));
    assert.deepEqual(unmapped, [], `Routes with no line in src/access/route-policy.ts (add each with the action it needs): ${unmapped.join(', ')}`);
    // Single sign-on's routes are served only when it is configured.
    const stale = Object.keys(routePolicy).filter((route) => !served.has(route) && route !== 'POST /sign-in/council-account');
    assert.deepEqual(stale, [], `Lines in src/access/route-policy.ts for routes the app does not serve: ${stale.join(', ')}`);
    const untested = [...served].filter((route) => !(route in calls));
    assert.deepEqual(untested, [], `Routes this test has no call for (add one to calls): ${untested.join(', ')}`);
  });

  it('marks public exactly the routes the sign-in hook serves to anyone', () => {
    for (const route of registeredRoutes(s.app)) {
      const [method = '', url = ''] = route.split(' ');
      const isPublic = ruleFor(method, url) === 'public';
      const byPrefix = ['/assets/', '/javascripts/', '/static/', '/stylesheets/'].some((prefix) => url.startsWith(prefix));
      assert.equal(isPublic, isDeclaredPublic(s.app, route) || byPrefix, route);
    }
  });

  it('gives every role, on every route, with every verb, the answer the policy table gives; refused writes change no row', async (t) => {
    const routes = registeredRoutes(s.app);
    const paths = [...new Set(routes.map((route) => route.slice(route.indexOf(' ') + 1)))];
    const mismatches: string[] = [];
    let checked = 0;
    for (const path of paths) {
      const example = Object.entries(calls).find(([route]) => route.endsWith(` ${path}`))?.[1];
      assert.ok(example, path);
      for (const method of verbs) {
        const served = routes.includes(`${method} ${path}`);
        const callOf = calls[`${method === 'HEAD' ? 'GET' : method} ${path}`] ?? example;
        // Refused first, so that allowed writes cannot hide a refused one's changes; snapshots around the refused.
        const ordered = allMembers().map((member, k) => ({ member, k, allowed: served && mayUse(member, method, path) })).sort((a, b) => Number(a.allowed) - Number(b.allowed));
        const writes = method !== 'GET' && method !== 'HEAD';
        let before = writes ? await digest(s.database) : undefined;
        for (const { member, k, allowed } of ordered) {
          if (before && allowed) {
            const changes = changedDigests(before, await digest(s.database));
            if (changes.length > 0) mismatches.push(`${method} ${path}: refused calls changed ${changes.join('; ')}`);
            before = undefined;
          }
          const response = await send(member, method, callOf(member, k));
          checked += 1;
          const got = outcomeOf(response.statusCode);
          const expected: Outcome = !served ? 'not found' : allowed ? 'allowed' : 'refused';
          if (got !== expected) mismatches.push(`${method} ${path} as ${member.key}: expected ${expected}, got ${response.statusCode} ${response.body.slice(0, 160).replace(/\s+/g, ' ')}`);
        }
        if (before) {
          const changes = changedDigests(before, await digest(s.database));
          if (changes.length > 0) mismatches.push(`${method} ${path}: refused calls changed ${changes.join('; ')}`);
        }
      }
    }
    t.diagnostic(`figures: ${routes.length} routes (${paths.length} paths × ${verbs.length} verbs) × ${allMembers().length} members of staff in ${new Set(allMembers().map((m) => m.role)).size} roles = ${checked} calls; ${mismatches.length} mismatches`);
    assert.deepEqual(mismatches, []);
  });
});
