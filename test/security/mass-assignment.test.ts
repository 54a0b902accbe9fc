import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { policy } from '../../src/access/policy.ts';
import { registeredRoutes, ruleFor } from '../../src/access/route-policy.ts';
import type { Services } from '../../src/deps.ts';
import { testActor } from '../../src/test-support.ts';
import { insertSuggestions } from '../../src/matching/review.repository.ts';
import { seedOneStopShop } from '../../src/visits/visit.test-support.ts';
import { writeCases, type Seeds, type WriteCase } from './mass-assignment.cases.ts';
import { changedTables, importCsv, recordOf, snapshot, startSecurityApp, type Member, type SecurityApp } from './security-support.ts';

// Mass assignment, as a difference between two identical OneStops: every write route is made once with valid input
// on one (plain) and once with the same input plus fields no form has (ids, roles, flags, owners, timestamps,
// prototype keys) on the other (polluted), in the same order on the same records. Ids and references are made
// from sequences, so afterwards every table of the two must be the same row for row, but for the moment things
// happened and random secrets. Before each, the same write is made as a role refused it and with invalid input:
// neither may change a row.

const writeVerbs = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const header = 'source_id,given_name,family_name,dob,postcode,address_line1,town,ni_number';

async function seed(services: Services): Promise<void> {
  await importCsv(services, 'council_tax', [header,
    'S1,Splitter,Person,1960-01-10,L1 8JQ,1 Split Road,Liverpool,JC100000A', 'MA1,Mergea,Person,1961-02-10,L2 8JQ,1 Merge Road,Liverpool,',
    'MB1,Mergeb,Person,1962-03-10,L3 8JQ,1 Merge Lane,Liverpool,', 'UA1,Undoa,Person,1963-04-10,L4 8JQ,1 Undo Road,Liverpool,',
    'UB1,Undob,Person,1964-05-10,L5 8JQ,1 Undo Lane,Liverpool,', 'C1,Candidate,Person,1950-01-01,L7 8JQ,1 Candidate Road,Liverpool,',
    ...['link', 'notsame', 'skip'].map((action, a) => `R${action},Review${action},Person,1965-0${a + 1}-10,L6 8JQ,1 Review Road,Liverpool,`),
    'V1,Victim,Person,1930-01-01,L9 9AA,1 Victim Road,Liverpool,', 'E1,Erasable,Person,1931-01-01,L9 9AB,2 Victim Road,Liverpool,']);
  await importCsv(services, 'housing_benefit', [header, 'H1,Splitter,Person,1960-01-10,L1 8JQ,1 Split Road,Liverpool,JC100000A']);
  await importCsv(services, 'adult_social_care', [header, 'ASC1,Restricted,Resident,1940-01-01,L9 8JQ,1 Care Road,Liverpool,']);
  await services.staff.addUser({ email: 'target@test.gov.uk', displayName: 'Target', password: 'a-long-password-for-tests', role: 'agent' });
  await services.catalogue.loadStarter(testActor);
}

async function seedsOf(s: SecurityApp): Promise<Seeds> {
  const db = s.database;
  const split = await recordOf(db, 'S1');
  const undo = await s.services.merges.mergePersons(testActor, (await recordOf(db, 'UA1')).personId, (await recordOf(db, 'UB1')).personId, 'to be undone');
  const candidate = await recordOf(db, 'C1');
  const explanation = { prior: 0.01, fields: [], totalWeight: 0, probability: 0.5, band: 'review', summary: 'A pair made up for the test' };
  const reviews = {} as Seeds['reviews'];
  for (const [action, source] of [['link', 'link'], ['not-same', 'notsame'], ['skip', 'skip']] as const) {
    const record = await recordOf(db, `R${source}`);
    await insertSuggestions(s.services.db, [{ recordId: record.recordId, personId: candidate.personId, sourceRecordId: candidate.recordId, weight: 1, probability: 0.5, evidence: explanation as never, modelVersion: 1 }], new Date());
    reviews[action] = Number((await s.services.db.selectFrom('match_review').select('id').where('source_record_id', '=', record.recordId).executeTakeFirstOrThrow()).id);
  }
  const restricted = await recordOf(db, 'ASC1');
  const breakGlass = (await s.services.breakGlass.open(s.member('agent').actor, restricted.personId, 'Emergency: a fall at home')).id;
  const hold = (await s.services.privacy.placeHold(testActor, split.reference, 'Litigation pending')).id;
  const target = await s.services.staff.findUserByEmail('target@test.gov.uk');
  const team = await s.services.teams.find('adult_social_care');
  assert.ok(target && team);
  return {
    split: { reference: split.reference, recordId: (await recordOf(db, 'H1')).recordId },
    merge: [(await recordOf(db, 'MA1')).reference, (await recordOf(db, 'MB1')).reference],
    change: undo.id, reviews, breakGlass, hold, restrictedReference: restricted.reference, erasable: (await recordOf(db, 'E1')).reference,
    victim: await recordOf(db, 'V1'), victimTeamId: team.id, victimUserId: s.member('dpo').userId, targetUserId: target.id, cases: await seedCases(s), oneStopShop: await seedOneStopShop(s.services),
    desk: await seedDesk(s),
  };
}

async function seedDesk(s: SecurityApp): Promise<Seeds['desk']> {
  const contact = await s.services.contacts.start(testActor, { channel: 'phone_in' });
  await s.services.contacts.screenPop(testActor, { callerNumber: '07700 900123', callId: 'mass-seeded', agentEmail: s.member('agent').email });
  return { contact, callId: 'mass-seeded' };
}

async function seedCases(s: SecurityApp): Promise<Seeds['cases']> {
  const raise = async () => {
    const { reference } = await s.services.cases.raise(testActor, { service: 'fly-tipping', answers: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' } });
    await s.services.cases.assign(testActor, reference, { team: null });
    return reference;
  };
  return { status: await raise(), notes: await raise(), assign: await raise(), take: await raise(), attachments: await raise(), apiStatus: await raise(), apiNotes: await raise() };
}

let plain: SecurityApp;
let polluted: SecurityApp;
let plainSeeds: Seeds;
let pollutedSeeds: Seeds;
const startedAt = Date.now();

before(async () => {
  plain = await startSecurityApp(seed);
  polluted = await startSecurityApp(seed);
  plainSeeds = await seedsOf(plain);
  pollutedSeeds = await seedsOf(polluted);
  assert.deepEqual(plainSeeds, pollutedSeeds, 'the two OneStops were seeded alike');
  // Opening the two-factor page starts an enrolment (a pending secret): open it first, as anyone confirming one has.
  for (const s of [plain, polluted]) assert.equal((await s.call(s.member('adviser'), 'GET', '/account/two-factor')).statusCode, 200);
});
after(async () => {
  await plain?.close();
  await polluted?.close();
});

/** Every row of every table, with what cannot be the same in two databases masked: now (and a retention cutoff, now less
 * some years), hashes and secrets, temporary paths. */
async function comparable(s: SecurityApp): Promise<Record<string, string[]>> {
  const tables = await snapshot(s.database);
  const mask = (row: string) => row
    .replaceAll(/"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?)"/g, (whole, at: string) => (Date.parse(at) >= startedAt - 60_000 ? '"<now>"' : whole))
    .replaceAll(/"(\w*(?:hash|secret|salt|token|cutoff|event_id)\w*)": ?"[^"]*"/gi, '"$1": "<masked>"')
    .replaceAll(/\/tmp\/onestop-[\w-]+\//g, '<tmp>/').replaceAll(/\d{13}-[0-9a-f]{8}-/g, '<upload>-');
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.map(mask).sort()]));
}

/** The tables, less the audit trail's record of residents viewed (a refused form may show the resident again). */
async function writes(s: SecurityApp): Promise<Record<string, string[]>> {
  const tables = await snapshot(s.database);
  return { ...tables, audit_event: (tables.audit_event ?? []).filter((row) => !row.includes('"action": "person.view"')) };
}

const allMembers = (s: SecurityApp) => [...s.members, s.carer, s.childWorker];
function mayUse(member: Member, route: string): boolean {
  const [method = '', url = ''] = route.split(' ');
  const rule = ruleFor(method, url);
  return rule === 'public' || rule === 'signed_in' || (rule !== undefined && policy[rule].includes(member.role));
}

async function send(s: SecurityApp, member: Member, method: string, call: ReturnType<WriteCase['call']>) {
  const cookie = call.freshSession ? `${await s.freshCookie(member)}; ${member.cookie.split('; ').slice(1).join('; ')}` : undefined;
  return s.call(member, method, call.url, call.body, { ...(cookie ? { cookie } : {}), ...call.headers });
}

/** A refused or invalid write, made alike on both: it must be refused, and change no row on either. */
async function refusedChangesNothing(route: string, who: (s: SecurityApp) => Member, writeCase: WriteCase, body: 'refused' | 'invalid', problems: string[]) {
  const method = route.slice(0, route.indexOf(' '));
  for (const s of [plain, polluted]) {
    const seeds = s === plain ? plainSeeds : pollutedSeeds;
    const call = body === 'invalid' ? writeCase.invalid?.(seeds, who(s)) : writeCase.call(seeds, who(s), 'polluted');
    if (!call) return;
    const before = await writes(s);
    const response = await send(s, who(s), method, call);
    // A form refused for its input is shown again (4xx), or sends the browser back to it with the error (303).
    const expected = body === 'refused' ? response.statusCode === 403 : response.statusCode >= 300 && response.statusCode < 500 && response.statusCode !== 304;
    if (!expected) problems.push(`${route} ${body} as ${who(s).key}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    const changes = changedTables(before, await writes(s));
    if (changes.length > 0) problems.push(`${route} ${body} changed ${changes.join('; ')}`);
  }
}

describe('mass assignment', () => {
  it('every write route has a case here', () => {
    const writes = registeredRoutes(plain.app).filter((route) => writeVerbs.has(route.slice(0, route.indexOf(' '))));
    const missing = writes.filter((route) => !(route in writeCases));
    assert.deepEqual(missing, [], `Write routes with no mass-assignment case (add one to test/security/mass-assignment.cases.ts): ${missing.join(', ')}`);
  });

  it('extra fields in any write change nothing; a write refused for its role or its input changes no row', async (t) => {
    const problems: string[] = [];
    const writes = registeredRoutes(plain.app).filter((route) => writeVerbs.has(route.slice(0, route.indexOf(' '))));
    let refused = 0;
    let invalid = 0;
    let changing = 0;
    for (const route of writes) {
      const writeCase = writeCases[route];
      assert.ok(writeCase, route);
      const method = route.slice(0, route.indexOf(' '));
      const outsider = allMembers(plain).findIndex((member) => !mayUse(member, route));
      if (outsider >= 0) {
        refused += 1;
        await refusedChangesNothing(route, (s) => allMembers(s)[outsider] ?? s.member('agent'), writeCase, 'refused', problems);
      }
      if (writeCase.invalid) {
        invalid += 1;
        await refusedChangesNothing(route, (s) => s.member(writeCase.as), writeCase, 'invalid', problems);
      }
      const before = await snapshot(plain.database);
      const plainResponse = await send(plain, plain.member(writeCase.as), method, writeCase.call(plainSeeds, plain.member(writeCase.as), 'plain'));
      const pollutedResponse = await send(polluted, polluted.member(writeCase.as), method, writeCase.call(pollutedSeeds, polluted.member(writeCase.as), 'polluted'));
      if (changedTables(before, await snapshot(plain.database)).length > 0) changing += 1;
      const expected = writeCase.refusesExtras ? 400 : plainResponse.statusCode;
      if (plainResponse.statusCode >= 500 || pollutedResponse.statusCode !== expected) {
        problems.push(`${route}: plain ${plainResponse.statusCode}, polluted ${pollutedResponse.statusCode} (expected ${expected}) ${pollutedResponse.body.slice(0, 160)}`);
      }
      const differences = changedTables(await comparable(plain), await comparable(polluted));
      if (differences.length > 0) {
        problems.push(`${route}: the polluted write left ${differences.join('; ')}`);
        break;
      }
    }
    // Prototype keys in a body reached no object of the server's.
    const probe: Record<string, unknown> = {};
    assert.deepEqual([probe.role, probe.polluted, probe.isAdmin], [undefined, undefined, undefined], 'Object.prototype was polluted');
    t.diagnostic(`figures: ${writes.length} write routes (${changing} of which changed rows) made plain and with ${Object.keys(writeCases).length > 0 ? 'extra fields' : ''} on two databases; ${refused} also refused by role and ${invalid} with invalid input; ${problems.length} problems`);
    assert.deepEqual(problems.map((problem) => problem.slice(0, 1500)), []);
  });
});
