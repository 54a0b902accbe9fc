import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, residentPath, seen, startServer, type TestServer } from './browser-support.ts';
import { testActor } from '../../src/test-support.ts';

// Putting identity right by hand: separating a record that is someone else, merging two residents, undoing either.

let server: TestServer;
before(async () => { server = await startServer(); });
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

async function linkedCount(personPath: string): Promise<number> {
  const view = await server.services.people.getResident(testActor, personPath.replace('/people/', ''));
  return view.systems.reduce((sum, system) => sum + system.records.length, 0);
}

describe('separating, merging and undoing', () => {
  it('separates a record that is someone else, shows it on the history, and undoes it', async () => {
    const page = await server.newPage({ signedIn: true });
    const john = await residentPath(server, 'AB123456C');
    assert.equal(await linkedCount(john), 2);
    await page.goto(`${server.baseUrl}${john}/records`);
    await assertAccessible(page, 'Records with separate form');
    await page.getByRole('button', { name: 'Separate the ticked records' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /Select the records that belong to someone else/);
    await page.getByLabel('Someone else: Housing benefit reference HB9').check();
    await page.getByLabel('Why are they someone else?').fill('Different John Smith: the son');
    await page.getByRole('button', { name: 'Separate the ticked records' }).click();
    await page.waitForURL(/\/history\?done=split$/);
    assert.match(await seen(page, '.govuk-notification-banner'), /separated into a resident of their own/);
    assert.match(await seen(page, 'table'), /Records separated.*1 record left this resident.*Different John Smith: the son/);
    await assertAccessible(page, 'History with changes');
    assert.equal(await linkedCount(john), 1);
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await page.waitForURL(/\/history\?done=undo$/);
    assert.equal(await linkedCount(john), 2);
    assert.match(await seen(page, 'table'), /Change undone/);
  });

  it('merges two residents after showing both, and the other reference leads to the one kept', async () => {
    const page = await server.newPage({ signedIn: true });
    const khan = await residentPath(server, 'JC654321A');
    const mary = await residentPath(server, 'CT2');
    await page.goto(`${server.baseUrl}${khan}`);
    await page.getByRole('link', { name: 'Merge with another resident' }).click();
    await assertAccessible(page, 'Merge form');
    await page.getByLabel('Reference of the other resident').fill('nonsense');
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await seen(page, '.govuk-error-summary'), /There is no resident with that reference/);
    await page.getByLabel('Reference of the other resident').fill(mary.replace('/people/', '').toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(await seen(page, 'h1'), /Check these are the same person/);
    assert.match(await seen(page), /Ahmed Khan.*Mary Smith/);
    await assertAccessible(page, 'Merge confirmation');
    await page.getByRole('button', { name: 'Merge these residents' }).click();
    await page.waitForURL(/\/history\?done=merge$/);
    const kept = new URL(page.url()).pathname.replace('/history', '');
    const gone = kept === khan ? mary : khan;
    await page.goto(`${server.baseUrl}${gone}`);
    assert.equal(new URL(page.url()).pathname, kept);
    await page.goto(`${server.baseUrl}${kept}/history`);
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await page.waitForURL(/done=undo$/);
    await page.goto(`${server.baseUrl}${gone}`);
    assert.equal(new URL(page.url()).pathname, gone);
  });
});
