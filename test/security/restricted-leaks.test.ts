import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { can } from '../../src/access/policy.ts';
import { importCsv, startSecurityApp, type Member, type SecurityApp } from './security-support.ts';

// Canary strings planted in every field of two restricted systems' records (adult social care and children's
// services), in records of their own residents, in records joined to a resident other systems know, and in a row
// the import rejects. Then every page and API answer is crawled as every member of staff: links followed from the
// signed-in pages, and every GET route tried with every real id, reference and canary search. No canary may reach
// anyone outside the system's team. Each team's own member must see them (so the crawl does reach them).

const header = 'source_id,given_name,middle_name,family_name,dob,postcode,address_line1,address_line2,town,uprn,ni_number,phone,email,notes';
// Each canary is a set of the forms it may take on a page (a phone number with and without its space, say).
type Canaries = { system: string; team: string; marks: string[][]; searches: string[] };

function canaryRows(tag: string, digits: string, ni: string, dob: string, postcode: string): { rows: string[]; canaries: Canaries['marks']; searches: string[] } {
  const word = `zqx${tag}`;
  const cap = (part: string) => `Zqx${tag}${part}`;
  const phone = `07700 900${digits}`;
  const rows = [
    header,
    `ZQX${tag.toUpperCase()}REF,${cap('given')},${cap('middle')},${cap('family')},${dob},${postcode},7 ${cap('line')} Road,${cap('flatone')},${cap('town')},999000000${digits},${ni},${phone},${word}mail@example.org,${word}notesone`,
    // Joined to John Smith, whom council tax also knows: only the restricted record's own fields are canaries.
    `ZQX${tag.toUpperCase()}JOHN,John,,Smith,1970-02-03,L1 8JQ,1 High Street,${cap('flattwo')},Liverpool,380000000001,AB123456C,07700 901${digits},${word}two@example.org,${word}notestwo`,
    // Rejected (a 31st of February): its row is kept in the rejects file.
    `ZQX${tag.toUpperCase()}REJ,${cap('rejected')},,${cap('family')},31/02/1975,${postcode},${cap('rejectline')},,,,,,${word}rejected@example.org,${word}rejectnotes`,
  ];
  const day = new Date(`${dob}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const words = ['given', 'middle', 'family', 'line', 'flatone', 'town', 'flattwo', 'rejected', 'rejectline', 'mail', 'two@', 'notesone', 'notestwo', 'rejectnotes', 'ref', 'john', 'rej'];
  return {
    rows,
    canaries: [[word], ...words.map((part) => [`${word}${part}`]), [phone, phone.replace(' ', '')], [`07700 901${digits}`, `07700901${digits}`],
      [ni.toLowerCase(), `${ni.slice(0, 2)} ${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)} ${ni.slice(8)}`.toLowerCase()], [dob, day.toLowerCase()], [postcode.toLowerCase(), postcode.replace(' ', '').toLowerCase()], [`999000000${digits}`]],
    searches: [`${cap('given')} ${cap('family')}`, phone, ni, `999000000${digits}`, `${word}mail@example.org`, `ZQX${tag.toUpperCase()}REF`, `${cap('family')} ${postcode}`, `${cap('given')} ${dob}`],
  };
}

const adult = canaryRows('asc', '555', 'JZ654321D', '1931-07-19', 'L99 9ZQ');
const children = canaryRows('csc', '666', 'JZ654322C', '1932-08-20', 'L98 8ZQ');
const restricted: Canaries[] = [
  { system: 'adult_social_care', team: 'adult_social_care', marks: adult.canaries, searches: adult.searches },
  { system: 'childrens_services', team: 'childrens_services', marks: children.canaries, searches: children.searches },
];

let s: SecurityApp;
before(async () => {
  s = await startSecurityApp(async (services) => {
    await importCsv(services, 'council_tax', [
      'source_id,given_name,family_name,dob,postcode,address_line1,town,uprn,ni_number,phone',
      'CT1,John,Smith,1970-02-03,L1 8JQ,1 High Street,Liverpool,380000000001,AB123456C,07700 900001',
      'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,Liverpool,380000000001,,',
      'CT3,Bad,Date,31/02/1975,L8 1AA,,,,,',
    ]);
    await importCsv(services, 'adult_social_care', adult.rows);
    await importCsv(services, 'childrens_services', children.rows);
  });
});
after(async () => { await s?.close(); });

/**
 * The canaries in a body that this member of staff may not see. A search page shows back what was typed (and how it
 * was understood), so a canary the URL itself holds is not counted on its page: the rest still are.
 */
function leaksIn(member: Member, url: string, body: string): string[] {
  const text = body.toLowerCase();
  const asked = decodeURIComponent(url).toLowerCase();
  return restricted.filter((canary) => canary.team !== member.team).flatMap((canary) => canary.marks
    .filter((forms) => !forms.some((form) => asked.includes(form)))
    .flatMap((forms) => forms.filter((form) => text.includes(form))));
}

function seesOwn(member: Member, body: string): boolean {
  const text = body.toLowerCase();
  return restricted.some((canary) => canary.team === member.team && text.includes(`zqx${canary.system === 'adult_social_care' ? 'asc' : 'csc'}`));
}

const skipped = ['/sign-out', '/assets/', '/static/', '/stylesheets/', '/javascripts/', '/api/v1/openapi.json'];

function linksIn(body: string): string[] {
  return [...body.matchAll(/href="(\/[^"#]*)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'))
    .filter((href) => !href.startsWith('//') && !skipped.some((prefix) => href.startsWith(prefix)));
}

async function everyGetUrl(): Promise<string[]> {
  return s.database.asOwner(async (owner) => {
    const people = await sql<{ reference: string; id: number }>`select reference, id from person`.execute(owner);
    const imports = await sql<{ id: number }>`select id from import_run`.execute(owner);
    const reviews = await sql<{ id: number }>`select id from match_review`.execute(owner);
    const searches = restricted.flatMap((canary) => canary.searches);
    return [
      '/', '/people', '/reviews', '/matching', '/imports', '/break-glass', '/admin/systems', '/audit', '/audit/verify', '/account/two-factor',
      '/api/v1/people?q=Smith', '/api/v1/stats', '/api/v1/imports',
      ...people.rows.flatMap((person) => [
        ...['', '/records', '/addresses', '/history', '/merge'].map((tab) => `/people/${person.reference}${tab}`),
        `/people/${person.id}`, `/api/v1/people/${person.reference}`, `/api/v1/people/${person.id}`, `/audit?person=${person.reference}`,
      ]),
      ...imports.rows.flatMap((run) => [`/imports/${run.id}`, `/imports/${run.id}/rejects`, `/api/v1/imports/${run.id}`]),
      ...reviews.rows.map((review) => `/reviews/${review.id}`),
      ...searches.flatMap((q) => [`/people?q=${encodeURIComponent(q)}`, `/api/v1/people?q=${encodeURIComponent(q)}`]),
    ];
  });
}

type Crawl = { fetched: number; leaks: string[]; ownSeen: number };

async function crawl(member: Member, seeds: readonly string[], limit = 800): Promise<Crawl> {
  const queue = [...seeds];
  const seen = new Set(queue);
  const result: Crawl = { fetched: 0, leaks: [], ownSeen: 0 };
  while (queue.length > 0 && result.fetched < limit) {
    const url = queue.shift() ?? '/';
    const response = await s.call(member, 'GET', url);
    result.fetched += 1;
    // The subject access bundle is the one other door: UK GDPR gives the resident everything held about them,
    // restricted records included, so it is produced (and audited) by those allowed privacy.subject_access only.
    const bundle = /\/subject-access(\.\w+)?$/.test(url.split('?')[0] ?? '') && can(member.actor, 'privacy.subject_access');
    const leaks = bundle ? [] : leaksIn(member, url, response.body);
    if (leaks.length > 0) result.leaks.push(`${member.key} ${url} (${response.statusCode}): ${[...new Set(leaks)].join(', ')}`);
    if (seesOwn(member, response.body)) result.ownSeen += 1;
    if (!String(response.headers['content-type']).startsWith('text/html')) continue;
    for (const link of linksIn(response.body)) {
      if (seen.has(link)) continue;
      seen.add(link);
      queue.push(link);
    }
  }
  return result;
}

describe('restricted records', () => {
  it('reach no one outside their team through any page or API answer, whatever id, reference or search is tried', async (t) => {
    const urls = await everyGetUrl();
    const members = [...s.members, s.carer, s.childWorker];
    const results = new Map<string, Crawl>();
    for (const member of members) results.set(member.key, await crawl(member, urls));
    const leaks = [...results.values()].flatMap((result) => result.leaks);
    const fetched = [...results.values()].reduce((sum, result) => sum + result.fetched, 0);
    t.diagnostic(`figures: ${members.length} members of staff, ${fetched} pages and API answers crawled (${[...results].map(([key, result]) => `${key} ${result.fetched}`).join(', ')}), ${restricted.reduce((sum, canary) => sum + canary.marks.flat().length, 0)} canaries; ${leaks.length} leaks`);
    assert.deepEqual(leaks, []);
    // The crawl reaches where the canaries are: each team sees its own records.
    assert.ok((results.get('carer')?.ownSeen ?? 0) >= 5, `the adult social care team saw its records on ${results.get('carer')?.ownSeen} pages`);
    assert.ok((results.get('child_worker')?.ownSeen ?? 0) >= 5, `children's services saw their records on ${results.get('child_worker')?.ownSeen} pages`);
  });

  it('open to someone outside the team only by break-glass, and then only that resident', async () => {
    const agent = s.member('agent');
    const john = (await s.services.people.search(s.carer.actor, { q: 'AB123456C' })).hits[0];
    assert.ok(john);
    const opened = await s.call(agent, 'POST', `/people/${john.reference}/break-glass`, { reason: 'Caller says John has had a fall and is alone' });
    assert.equal(opened.statusCode, 303);
    // Break-glass opens every restricted record of the resident, whichever team holds it.
    const records = (await s.call(agent, 'GET', `/people/${john.reference}/records`)).body.toLowerCase();
    assert.ok(records.includes('zqxascflattwo') && records.includes('zqxcscflattwo'));
    // Nothing of the restricted residents it did not open: their names, addresses, numbers, dates, references.
    const johns = /^(zqx(asc|csc)(flattwo|notestwo|two@|john)?|07700 ?901\d+)$/;
    const crawled = await crawl(agent, await everyGetUrl(), 400);
    const others = crawled.leaks.map((leak) => leak.slice(leak.lastIndexOf(': ') + 2).split(', ').filter((mark) => !johns.test(mark))).filter((marks) => marks.length > 0);
    assert.deepEqual(others, []);
  });
});
