import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importDemoCouncil } from '../../src/matching/identity.test-support.ts';
import { testActor } from '../../src/test-support.ts';
import { assertAccessible, pageSignedInAs, seen, startServer, type TestServer } from './browser-support.ts';

// Identity resolution as staff meet it: the review queue with its evidence, and relinking the council.

let server: TestServer;
before(async () => {
  server = await startServer(async (services) => {
    await importDemoCouncil(services, 300, 31);
    await services.relink.relink(testActor);
    await services.staff.addUser({ email: 'admin@test.gov.uk', displayName: 'Ada Admin', password: 'a-long-password-for-tests', role: 'admin' });
  });
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

describe('reviewing possible matches', () => {
  it('lists the pairs waiting, most likely first, and shows one side by side with the evidence', async () => {
    const page = await server.newPage({ signedIn: true });
    await page.goto(`${server.baseUrl}/reviews`);
    await assertAccessible(page, 'Review queue');
    const likelihoods = (await page.locator('tbody td.govuk-table__cell--numeric').allInnerTexts()).map((text) => Number.parseFloat(text));
    assert.ok(likelihoods.length > 0);
    assert.deepEqual(likelihoods, [...likelihoods].sort((a, b) => b - a));
    await page.locator('tbody a').first().click();
    assert.match(await seen(page, 'h1'), /Are these the same person\?/);
    assert.equal(await page.locator('svg[role="img"] title').count(), 1);
    assert.match(await seen(page, 'main ul.govuk-list--bullet'), /\(([+−±])\d+\.\d\)/);
    await assertAccessible(page, 'Review of one pair');
  });

  it('records "The same person" and moves on to the next pair', async () => {
    const page = await server.newPage({ signedIn: true });
    const [first] = await server.services.reviews.queue('open', 1);
    assert.ok(first);
    await page.goto(`${server.baseUrl}/reviews/${first.id}`);
    await page.getByRole('button', { name: 'The same person: link them' }).click();
    await page.waitForURL(/done=link$/);
    assert.equal((await server.services.reviews.getReview(first.id)).status, 'linked');
    await page.goto(`${server.baseUrl}/reviews/${first.id}`);
    assert.match(await seen(page), /This pair was decided by user:\d+/);
  });

  it('records "Not the same person" with the reason given', async () => {
    const page = await server.newPage({ signedIn: true });
    const [item] = await server.services.reviews.queue('open', 1);
    assert.ok(item);
    await page.goto(`${server.baseUrl}/reviews/${item.id}`);
    await page.getByLabel('Why are they different people? (optional)').fill('mother and daughter');
    await page.getByRole('button', { name: 'Not the same person' }).click();
    await page.waitForURL(/done=not-same$/);
    const decisions = await server.services.db.selectFrom('link_decision').select('reason').where('record_a', '=', Math.min(item.sourceRecordId, item.candidateRecordId ?? 0)).execute();
    assert.ok(decisions.some((decision) => decision.reason === 'mother and daughter'));
  });
});

describe('the evidence on the resident page', () => {
  it('explains each probabilistic link with a waterfall, and lists possible duplicates', async () => {
    const page = await server.newPage({ signedIn: true });
    const [item] = await server.services.reviews.queue('open', 1);
    assert.ok(item?.candidate?.personReference);
    await page.goto(`${server.baseUrl}/people/${item.candidate.personReference}`);
    assert.match(await seen(page), /Possible duplicates/);
    const linked = await server.services.db.selectFrom('person_link').innerJoin('person', 'person.id', 'person_link.person_id')
      .select('person.reference').where('person_link.method', '=', 'probabilistic').where('person_link.unlinked_at', 'is', null).executeTakeFirstOrThrow();
    await page.goto(`${server.baseUrl}/people/${linked.reference}/records`);
    await page.getByText(/Why this record is with this resident/).first().click();
    assert.equal(await page.locator('details[open] svg[role="img"]').count(), 1);
    assert.match(await seen(page, 'details[open]'), /\(([+−±])\d+\.\d\)/);
    await assertAccessible(page, 'Records with link evidence');
  });
});

describe('relinking from the matching page', () => {
  it('shows the current model and relinks the council as a background job', async () => {
    const page = await pageSignedInAs(server, 'admin@test.gov.uk', 'a-long-password-for-tests', '/matching');
    assert.match(await seen(page), /Version 1, learnt/);
    await assertAccessible(page, 'Matching page');
    // The job starts at once and, on the embedded database, shares the server's one connection with the redirected
    // page: on a busy machine that page can take longer than a click waits for its navigation.
    await page.getByRole('button', { name: 'Relink all records' }).click({ noWaitAfter: true, timeout: 90_000 });
    await page.waitForURL(/done=queued$/, { timeout: 90_000 });
    for (let attempt = 0; attempt < 120 && !/Version 2, learnt/.test(await seen(page)); attempt++) {
      await page.waitForTimeout(500);
      await page.goto(`${server.baseUrl}/matching`);
    }
    assert.match(await seen(page), /Last relink: done.*records in .* residents/);
    assert.match(await seen(page), /Version 2, learnt/);
  });
});
