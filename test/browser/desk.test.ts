import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { testActor } from '../../src/test-support.ts';
import { assertAccessible, assertAccessibleWithReveals, residentPath, seen, staff, startServer, type TestServer } from './browser-support.ts';

// A whole call at the contact centre's desk, in Chromium, with and without JavaScript: the telephony switch pops the
// call onto the agent's desk, the agent sees the resident, chooses two services, makes a mistake the error summary
// shows, fixes it, checks the answers, gives two case references and wraps up; the resident's timeline then shows the
// contact and both cases. Every page passes axe.

let server: TestServer;
let token: string;
let john: string;

before(async () => {
  server = await startServer(async (services) => {
    await services.catalogue.loadStarter(testActor);
  });
  token = await server.services.staff.createApiToken(staff.email, 'telephony', ['calls:write']);
  john = await residentPath(server, 'John Smith L1 8JQ');
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

async function popCall(callId: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/v1/calls`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ callerNumber: '07700 900123', callId, agentEmail: staff.email }),
  });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return (JSON.parse(text) as { url: string }).url;
}

async function takeCall(page: Page, javaScript: boolean): Promise<string[]> {
  const check = javaScript ? assertAccessibleWithReveals : axeWithoutJavaScript;
  const checkPlain = javaScript ? assertAccessible : axeWithoutJavaScript;
  const url = await popCall(`switch-${javaScript ? 'js' : 'plain'}`);
  await page.goto(`${server.baseUrl}/people`);
  await page.getByRole('link', { name: 'Desk', exact: true }).click();
  await checkPlain(page, 'Desk');
  const reference = john.split('/').pop() ?? '';
  await page.getByRole('link', { name: `Incoming call from 07700 900123 — John Smith (${reference})` }).click();
  await page.waitForURL(`${server.baseUrl}${url}`);
  assert.match(await seen(page, 'h1'), /Contact with John Smith/);
  assert.match(await seen(page), /1 High Street/);
  await checkPlain(page, 'Contact with the resident at a glance');

  await page.getByLabel('Missed bin collection').check();
  await page.getByLabel('Council tax: moving home').check();
  await page.getByRole('button', { name: 'Continue to the forms' }).click();
  assert.match(await seen(page, 'h1'), /Raise 2 cases/);
  const guidance = await seen(page);
  assert.match(guidance, /Guidance: Missed bin collection Check the round on the collection calendar/);
  assert.match(guidance, /Guidance: Council tax: moving home Take the date the resident moved/);
  // Each service's inputs carry its position on the page (c0-, c1-), in the order the checkboxes listed them.
  const codes = await page.locator('input[type="hidden"][name="service"]').evaluateAll((inputs) => inputs.map((input) => input.getAttribute('value')));
  const bin = `#answer-c${codes.indexOf('missed-bin')}-`;
  const move = `#answer-c${codes.indexOf('council-tax-move')}-`;
  await check(page, 'Two services’ forms with their guidance');

  await page.getByRole('group', { name: 'Which bin was missed?' }).getByLabel('General waste').check();
  await page.getByRole('group', { name: 'Was the bin out by 7am on collection day?' }).getByLabel('Yes').check();
  await page.locator(`${bin}address-line1`).fill('1 High Street');
  await page.locator(`${bin}address-postcode`).fill('L1 8JQ');
  await page.locator(`${move}accountNumber`).fill('12');
  await page.getByRole('group', { name: 'Is the resident moving in, out or within the borough?' }).getByLabel('Moving into the borough').check();
  await page.locator(`${move}moveDate-day`).fill('1');
  await page.locator(`${move}moveDate-month`).fill('11');
  await page.locator(`${move}moveDate-year`).fill('2026');
  await page.locator(`${move}newAddress-line1`).fill('1 High Street');
  await page.locator(`${move}newAddress-postcode`).fill('L1 8JQ');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  assert.match(await seen(page, '.govuk-error-summary'), /Council tax: moving home: Enter the account number: 8 to 10 digits/);
  assert.equal(await page.locator(`${bin}address-line1`).inputValue(), '1 High Street', 'the answers are kept');
  await check(page, 'Forms with an error');
  await page.getByRole('link', { name: /Enter the account number/ }).click();
  await page.locator(`${move}accountNumber`).fill('12345678');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();

  assert.match(await seen(page, 'h1'), /Check the answers/);
  assert.match(await seen(page), /General waste/);
  await checkPlain(page, 'Check the answers');
  await page.getByRole('button', { name: 'Raise the 2 cases' }).click();

  const panel = await seen(page, '.govuk-panel');
  const references = [...panel.matchAll(/SR-[A-Z0-9]{4}-[A-Z0-9]{4}/g)].map((match) => match[0]);
  assert.equal(references.length, 2, panel);
  await check(page, 'Wrap-up with the references');
  await page.getByRole('group', { name: 'Was it resolved at first contact?' }).getByLabel('Yes', { exact: true }).check();
  await page.getByRole('group', { name: 'Could the contact have been avoided?' }).getByLabel('No', { exact: true }).check();
  await page.getByRole('button', { name: 'Wrap up' }).click();
  await page.waitForURL(/\/desk\?done=/);
  assert.match(await seen(page, '.govuk-notification-banner'), new RegExp(references.join('.*')));
  await checkPlain(page, 'Desk after wrapping up');
  return references;
}

/**
 * axe cannot run in a page without JavaScript, so the page as served is loaded, scripts refused, into a page that
 * runs axe: the document checked is the one a browser without JavaScript shows.
 */
async function axeWithoutJavaScript(page: Page, pageKind: string): Promise<void> {
  const html = (await page.content()).replace('<head>', `<head><base href="${server.baseUrl}/">`);
  const twin = await server.newPage();
  await twin.route('**/*.js', (route) => route.abort());
  await twin.setContent(html, { waitUntil: 'load' });
  await assertAccessible(twin, `${pageKind} (without JavaScript, ${page.url()})`);
}

async function assertTimelineShows(page: Page, references: readonly string[], javaScript: boolean): Promise<void> {
  await page.goto(`${server.baseUrl}${john}`);
  await page.getByRole('link', { name: 'Contacts and cases', exact: true }).click();
  const text = await seen(page);
  assert.match(text, /Phone call in/);
  assert.match(text, /Outcome: Case raised \(resolved at first contact\)/);
  for (const reference of references) assert.equal(await page.locator(`a[href="/cases/${reference}"]`).count() >= 2, true, `${reference} is linked from the contact and its own entry`);
  await (javaScript ? assertAccessible : axeWithoutJavaScript)(page, 'The resident’s contacts and cases');
}

describe('a whole call at the desk', () => {
  it('goes from screen-pop to wrap-up with JavaScript, and the timeline shows the contact and both cases', async () => {
    const page = await server.newPage({ signedIn: true });
    await assertTimelineShows(page, await takeCall(page, true), true);
  });

  it('goes the same way with JavaScript disabled', async () => {
    const page = await server.newPage({ signedIn: true, javaScriptEnabled: false });
    await assertTimelineShows(page, await takeCall(page, false), false);
  });
});
