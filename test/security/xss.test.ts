import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../browser/chromium.ts';
import { insertSuggestions } from '../../src/matching/review.repository.ts';
import { testActor } from '../../src/test-support.ts';
import { importCsv, recordOf, startSecurityApp, type SecurityApp } from './security-support.ts';

// Script payloads (the OWASP XSS filter evasion cheat sheet's patterns, each in several contexts and encodings)
// through every free-text import field and every form that stores or shows back text, then rendered back in
// Chromium. Any that runs calls a dialog or logs a marker; none may. To keep the run short, payloads are packed
// into each field up to its length (side by side, as text around a payload is another context), forms are sent by
// inject and their pages loaded once, and forms that only show back what was typed are filled in Chromium.

const calls = ['alert(1)', 'confirm(1)', 'prompt(1)', 'console.log("XSS-RAN")'];
const patterns = [
  (js: string) => `<script>${js}</script>`, (js: string) => `<img src=x onerror=${js}>`, (js: string) => `<svg onload=${js}>`,
  (js: string) => `"><script>${js}</script>`, (js: string) => `'><img src=x onerror=${js}>`, (js: string) => `<body onload=${js}>`,
  (js: string) => `<iframe src="javascript:${js}"></iframe>`, (js: string) => `<a href="javascript:${js}">x</a>`, (js: string) => `<details open ontoggle=${js}>`,
  (js: string) => `<input autofocus onfocus=${js}>`, (js: string) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`, (js: string) => `<ScRiPt>${js}</sCrIpT>`,
  (js: string) => `<scr<script>ipt>${js}</script>`, (js: string) => `" onmouseover="${js}" x="`, (js: string) => `' onfocus='${js}' autofocus '`, (js: string) => `</textarea><script>${js}</script>`,
  (js: string) => `</title><script>${js}</script>`, (js: string) => `<object data="javascript:${js}">`, (js: string) => `<embed src="javascript:${js}">`, (js: string) => `<video><source onerror="${js}">`,
  (js: string) => `<audio src=x onerror=${js}>`, (js: string) => `<marquee onstart=${js}>`, (js: string) => `{{ ${js} }}`, (js: string) => `{% raw %}<script>${js}</script>`,
  (js: string) => `\${${js}}`, (js: string) => `<svg><script>${js}</script></svg>`, (js: string) => `<img src="x" onerror="&#${'97'};lert(1)">`, (js: string) => `<form><button formaction=javascript:${js}>x</button></form>`,
  (js: string) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">`, (js: string) => `<style>@import 'javascript:${js}';</style>`, (js: string) => `<base href="javascript:${js}//">`,
  (js: string) => `<img src=x:x onerror=eval(atob('${Buffer.from(js).toString('base64')}'))>`,
];
const mutations = [(p: string) => p, (p: string) => p.toUpperCase().replace(/ALERT|CONFIRM|PROMPT|CONSOLE\.LOG\("XSS-RAN"\)/g, (m) => m.toLowerCase()), (p: string) => p.replaceAll(' ', '/'), (p: string) => encodeURIComponent(p), (p: string) => `Flat 1 ${p} x`];
export const payloads = [...new Set(patterns.flatMap((pattern) => calls.flatMap((js) => mutations.map((mutate) => mutate(pattern(js))))))];

let s: SecurityApp;
let browser: Browser;
let baseUrl: string;
let executions: string[] = [];
/** How many payloads went through each form or field, for the figures. */
const through: Record<string, number> = {};

// Import fields may not hold a comma-free CSV cell as they are: each payload is quoted.
const cell = (value: string) => `"${value.replaceAll('"', '""')}"`;
/** Payloads packed side by side into values of at most max characters (a longer payload is cut to fit). */
export function pack(list: readonly string[], max: number): string[] {
  const packed: string[] = [];
  for (const payload of list.map((item) => item.slice(0, max))) {
    const last = packed.at(-1);
    if (last !== undefined && last.length + 1 + payload.length <= max) packed[packed.length - 1] = `${last} ${payload}`;
    else packed.push(payload);
  }
  return packed;
}
const every = (step: number, offset = 0) => payloads.filter((_payload, index) => index % step === offset);
const count = (form: string, list: readonly string[]) => { through[form] = (through[form] ?? 0) + list.length; };
let person = '';
let caseReference = '';
const people: Record<'merge' | 'split' | 'review', string[]> = { merge: [], split: [], review: [] };
const reviewIds: number[] = [];

before(async () => {
  const header = 'source_id,given_name,family_name,dob,postcode,address_line1,address_line2,town,ni_number,notes';
  s = await startSecurityApp(async (services) => {
    await importCsv(services, 'council_tax', [header,
      ...payloads.map((payload, index) => `X${index},Xavier,Script,1980-01-01,L1 1AA,${cell(payload)},${cell(payload)},${cell(payload)},AB123456C,${cell(payload)}`),
      ...[0, 1, 2, 3].flatMap((k) => [`MA${k},Mergea${'abcd'.charAt(k)},Person,1961-02-1${k},L2 8JQ,${k} Merge Road,,Liverpool,,`, `MB${k},Mergeb${'abcd'.charAt(k)},Person,1962-03-1${k},L3 8JQ,${k} Merge Lane,,Liverpool,,`,
        `SP${k},Splitter${'abcd'.charAt(k)},Person,1960-01-1${k},L4 8JQ,${k} Split Road,,Liverpool,JC10000${k}A,`, `RV${k},Review${'abcd'.charAt(k)},Person,1965-01-1${k},L6 8JQ,${k} Review Road,,Liverpool,,`]),
      'C1,Candidate,Person,1950-01-01,L7 8JQ,1 Candidate Road,,Liverpool,,'], 'payloads.csv');
    await importCsv(services, 'housing_benefit', [header, ...[0, 1, 2, 3].map((k) => `HS${k},Splitter${'abcd'.charAt(k)},Person,1960-01-1${k},L4 8JQ,${k} Split Road,,Liverpool,JC10000${k}A,`)]);
  });
  count('import fields (address lines, town, notes)', payloads);
  person = (await recordOf(s.database, 'X0')).reference;
  const candidate = await recordOf(s.database, 'C1');
  const explanation = { prior: 0.01, fields: [], totalWeight: 0, probability: 0.5, band: 'review', summary: 'A pair made up for the test' };
  for (const k of [0, 1, 2, 3]) {
    people.merge.push((await recordOf(s.database, `MA${k}`)).reference, (await recordOf(s.database, `MB${k}`)).reference);
    const split = await recordOf(s.database, `HS${k}`);
    people.split.push(`${split.reference}:${split.recordId}`);
    const review = await recordOf(s.database, `RV${k}`);
    people.review.push(review.reference);
    await insertSuggestions(s.services.db, [{ recordId: review.recordId, personId: candidate.personId, sourceRecordId: candidate.recordId, weight: 1, probability: 0.5, evidence: explanation as never, modelVersion: 1 }], new Date());
    reviewIds.push(Number((await s.services.db.selectFrom('match_review').select('id').where('source_record_id', '=', review.recordId).executeTakeFirstOrThrow()).id));
  }
  await storeThroughForms();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const address = s.app.server.address();
  assert.ok(address && typeof address === 'object');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await s?.close();
});

/** A form sent as the member of staff whose role may; it must be taken (a redirect), or it stored nothing. */
async function post(key: string, url: string, body: Record<string, string>) {
  const response = await s.call(s.member(key), 'POST', url, body);
  assert.ok(response.statusCode === 303 || response.statusCode === 200, `${url}: ${response.statusCode} ${response.body.slice(0, 300)}`);
}

// Every form that keeps text, each given payloads packed to its fields' lengths.
async function storeThroughForms() {
  for (const [index, chunk] of pack(payloads, 1000).entries()) await post('agent', `/people/${person}/break-glass`, { reason: `Emergency ${index} ${chunk}`.slice(0, 1000) });
  count('break-glass reason', payloads);
  const teams = every(4);
  for (const [index, chunk] of pack(teams, 300).entries()) await post('admin', '/admin/teams', { code: `team_${index}`, name: chunk.slice(0, 100), contact: chunk });
  count('team name and contact', teams);
  const systems = every(16, 2);
  for (const [index, chunk] of pack(systems, 100).entries()) await post('admin', `/admin/systems/system_${index}`, { name: chunk, trust: '50', team: '' });
  count('system name', systems);
  const corrections = every(4, 1);
  for (const [index, chunk] of pack(corrections, 1000).entries()) await post('dpo', `/people/${person}/privacy/corrections`, { field: 'town', value: chunk.slice(0, 200), reason: `Correction ${index} ${chunk}`.slice(0, 1000) });
  count('correction value and reason', corrections);
  const holds = every(4, 2);
  for (const chunk of pack(holds, 1000)) await post('dpo', `/people/${person}/privacy/holds`, { reason: chunk });
  count('legal hold reason', holds);
  const visitors = every(8, 7);
  for (const chunk of pack(visitors, 200)) await post('agent', '/one-stop-shop/tickets', { visitorName: chunk, action: 'issue' });
  count('One Stop Shop visitor name', visitors);
  // Cases (src/cases): notes and a resolution reason on a case of the resident whose records hold payloads.
  const caseTexts = every(16, 11);
  await s.services.catalogue.loadStarter(testActor);
  caseReference = (await s.services.cases.raise(testActor, { service: 'fly-tipping', answers: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' }, person })).reference;
  const caseChunks = pack(caseTexts, 1000);
  for (const chunk of caseChunks.slice(0, -1)) await post('team_leader', `/cases/${caseReference}/notes`, { text: chunk });
  await post('team_leader', `/cases/${caseReference}/status`, { status: 'resolved', reason: caseChunks.at(-1) ?? '' });
  count('case note and resolution', caseTexts);
  const identity = every(8, 3);
  const reasons = pack(identity, 500);
  for (const [k, reason] of reasons.slice(0, 4).entries()) {
    await post('team_leader', `/people/${people.merge[2 * k]}/merge`, { other: people.merge[2 * k + 1] ?? '', reason });
    const [reference = '', recordId = ''] = (people.split[k] ?? '').split(':');
    await post('team_leader', `/people/${reference}/split`, { records: recordId, reason });
    await post('team_leader', `/reviews/${reviewIds[k]}/not-same`, { reason });
  }
  // Each merge, split and decision uses up its residents, so four of each: the payloads in the first four reasons.
  count('merge, split and not-same reasons', identity.filter((payload) => reasons.slice(0, 4).some((reason) => reason.includes(payload))));
}

async function pageAs(key: string | undefined): Promise<Page> {
  const context = await browser.newContext();
  if (key) await context.addCookies([{ name: 'onestop_session', value: s.member(key).cookie.split(';')[0]?.split('=')[1] ?? '', url: baseUrl }]);
  const page = await context.newPage();
  page.on('dialog', (dialog) => { executions.push(`${page.url()}: ${dialog.type()} ${dialog.message()}`); void dialog.dismiss(); });
  page.on('console', (message) => { if (message.text().includes('XSS-RAN')) executions.push(`${page.url()}: console`); });
  return page;
}

/** Fills the form posting to action on the page at url with values, in Chromium, and sends it: the answer is rendered. */
async function submit(page: Page, url: string, action: string, values: Record<string, string>) {
  if (page.url() !== `${baseUrl}${url}`) await page.goto(`${baseUrl}${url}`, { waitUntil: 'domcontentloaded' });
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.evaluate(`(${fillAndSend})(${JSON.stringify({ action, values })})`)]);
}

// Run in the page (a string, as this project's TypeScript has no DOM types): a field the form lacks is added, and a
// select is given the value as an option, so that anything can be sent as a person could with the developer tools.
const fillAndSend = `({ action, values }) => {
  const form = [...document.querySelectorAll('form')].find((candidate) => candidate.getAttribute('action') === action);
  if (!form) throw new Error('no form for ' + action + ' on ' + location.pathname);
  for (const [name, value] of Object.entries(values)) {
    const field = form.querySelector('[name="' + name + '"]') ?? form.appendChild(Object.assign(document.createElement('input'), { type: 'hidden', name }));
    if (field instanceof HTMLSelectElement) field.appendChild(Object.assign(document.createElement('option'), { value, selected: true }));
    else field.value = value;
  }
  form.submit();
}`;

describe('script payloads', () => {
  it('run nowhere they are kept or shown back: resident pages, privacy, administration, break-glass review, audit, imports, and every form', async (t) => {
    executions = [];
    const records = await s.database.db.selectFrom('source_record').select('id').where('source_id', 'like', 'X%').execute();
    assert.equal(records.length, payloads.length, 'every payload row was imported');
    let loads = 0;
    const visit = async (page: Page, path: string) => { await page.goto(`${baseUrl}${path}`, { waitUntil: 'domcontentloaded' }); loads += 1; };
    // Where the stored payloads are shown.
    const dpo = await pageAs('dpo');
    for (const path of ['', '/records', '/addresses', '/history', '/privacy']) await visit(dpo, `/people/${person}${path}`);
    for (const path of ['/privacy', `/audit?person=${person}`, ...people.merge.slice(0, 2).map((reference) => `/people/${reference}/history`), `/audit?person=${people.review[0]}`]) await visit(dpo, path);
    const leader = await pageAs('team_leader');
    await visit(leader, '/break-glass');
    for (const path of ['/one-stop-shop', '/one-stop-shop/visits/1']) await visit(leader, path);
    for (const path of [`/cases/${caseReference}`, '/queues', '/queues/street_scene?status=resolved']) await visit(leader, path);
    const admin = await pageAs('admin');
    for (const path of ['/admin/systems', '/imports', '/reviews', `/audit?user=${encodeURIComponent('team.leader@test.gov.uk')}`]) await visit(admin, path);
    // Forms that show back what was typed: search, the merge form's reference, the audit search, filled in Chromium.
    const searches = every(8, 4);
    for (const chunk of pack(searches, 200)) await visit(admin, `/people?q=${encodeURIComponent(chunk)}`);
    count('search', searches);
    const others = every(32, 5);
    for (const chunk of pack(others, 40)) await visit(admin, `/people/${person}/merge?other=${encodeURIComponent(chunk)}`);
    count('merge form reference', others);
    const audits = every(16, 6);
    for (const chunk of pack(audits, 200)) await visit(dpo, `/audit?${new URLSearchParams({ person: chunk.slice(0, 40), user: chunk, from: chunk.slice(0, 30), to: chunk.slice(-30) }).toString()}`);
    count('audit search fields', audits);
    // Forms posted from the page in Chromium whose refusal shows the values again.
    const signIns = every(16, 7);
    const visitor = await pageAs(undefined);
    for (const chunk of pack(signIns, 320)) { await submit(visitor, '/sign-in', '/sign-in', { email: chunk, password: 'not the password' }); loads += 2; }
    count('sign-in email', signIns);
    const codes = every(32, 8);
    const agent = await pageAs('agent');
    for (const chunk of pack(codes, 50)) { await submit(agent, '/account/two-factor', '/account/two-factor', { code: chunk }); loads += 1; }
    count('two-factor code', codes);
    const rules = every(32, 9);
    for (const chunk of pack(rules, 63)) { await submit(dpo, '/privacy', '/privacy/retention', { systemCode: chunk, years: chunk.slice(0, 5), basis: chunk.slice(0, 20) }); loads += 1; }
    count('retention rule', rules);
    const preferences = every(32, 10);
    const tab = `/people/${person}/privacy`;
    for (const chunk of pack(preferences, 20)) { await submit(dpo, tab, `${tab}/preferences`, { channel: chunk, purpose: chunk, granted: chunk.slice(0, 5), source: chunk }); loads += 1; }
    count('contact preference', preferences);
    // The payloads are on the pages, as escaped text: the pages did render them.
    await visit(dpo, `/people/${person}/records`);
    assert.match(await dpo.content(), /&lt;script&gt;alert\(1\)/i);
    const forms = Object.entries(through).map(([form, n]) => `${form} ${n}`).join(', ');
    t.diagnostic(`figures: ${payloads.length} distinct payloads (${forms}) rendered in ${loads} Chromium page loads; ${executions.length} executions`);
    assert.deepEqual(executions, []);
  });
});
