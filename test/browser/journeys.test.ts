import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { residentPath, seen, signIn, signOut, staff, startServer, type TestServer } from './browser-support.ts';

// What a member of staff sees when they sign in, find a resident and read their single view.

let server: TestServer;
before(async () => { server = await startServer(); });
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

/** A page as the shared signed-in member of staff, at a path. */
async function signedInPage(path = '/people'): Promise<Page> {
  const page = await server.newPage({ signedIn: true });
  await page.goto(`${server.baseUrl}${path}`);
  return page;
}

async function search(page: Page, text: string): Promise<void> {
  await page.getByLabel('Name, phone, email, NI number, UPRN or reference').fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.waitForURL(/\/people\?/);
}

/** Each results row as the text a person reads across it. */
async function resultRows(page: Page): Promise<string[]> {
  const rows = await page.locator('table tbody tr').allInnerTexts();
  return rows.map((row) => row.replace(/\s+/g, ' ').trim());
}

describe('signing in', () => {
  it('sends someone who is signed out from /people to sign in', async () => {
    const page = await server.newPage();
    await page.goto(`${server.baseUrl}/people`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign in to OneStop');
  });

  it('shows the GOV.UK error summary for a wrong password, then lands on Find a resident with the right one', async () => {
    const page = await server.newPage();
    await page.goto(`${server.baseUrl}/people`);
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const summary = page.locator('.govuk-error-summary');
    assert.match(await summary.innerText(), /There is a problem[\s\S]*Enter a correct email address and password/);
    assert.match(await page.title(), /^Error: Sign in/);
    assert.equal(await page.getByLabel('Email address').inputValue(), staff.email);
    await summary.getByRole('link', { name: 'Enter a correct email address and password' }).click();
    assert.equal(await page.locator(':focus').getAttribute('id'), 'email');

    await page.getByLabel('Password').fill(staff.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.baseUrl}/people`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Find a resident');
    assert.match(await seen(page, page.getByRole('banner')), /Alex Agent Sign out/);
  });
});

describe('finding a resident', () => {
  it('finds John Smith from a misspelt "Jon Smyth", with his date of birth and address', async () => {
    const page = await signedInPage();
    await search(page, 'Jon Smyth');
    assert.equal(await page.getByRole('heading', { level: 2, name: /found/ }).innerText(), '1 resident found');
    const [row] = await resultRows(page);
    assert.match(row ?? '', /^John Smith .* 3 February 1970 .* 1 High Street, Liverpool, L1 8JQ/);
  });

  it('finds both people in the household by postcode', async () => {
    const page = await signedInPage();
    await search(page, 'L1 8JQ');
    const rows = await resultRows(page);
    assert.deepEqual(rows.map((row) => row.split(' ').slice(0, 2).join(' ')).sort(), ['John Smith', 'Mary Smith']);
    assert.match(await seen(page), /Searched for postcode L1 8JQ/);
  });

  it('finds a resident by a phone number written the national way', async () => {
    const page = await signedInPage();
    await search(page, '07700 900123');
    const rows = await resultRows(page);
    assert.equal(rows.length, 1);
    assert.match(rows[0] ?? '', /^John Smith .*phone number$/);
  });

  it('says so when a search finds no one', async () => {
    const page = await signedInPage();
    await search(page, 'Zebedee Quux');
    assert.equal(await page.getByRole('heading', { level: 2, name: /found/ }).innerText(), 'No residents found');
    assert.equal(await page.locator('table').count(), 0);
    assert.match(await seen(page), /Check the spelling, try fewer words/);
  });
});

describe('the resident page', () => {
  it('shows the golden record with where each detail came from, under an identity bar', async () => {
    const page = await signedInPage();
    await search(page, 'Jon Smyth');
    await page.getByRole('link', { name: 'John Smith' }).click();
    const path = await residentPath(server, 'AB123456C');
    await page.waitForURL(`${server.baseUrl}${path}`);
    const reference = path.split('/').pop() ?? '';
    const identity = await seen(page, '.moj-identity-bar');
    assert.match(identity, /^John Smith/);
    assert.match(identity, new RegExp(`Reference ${reference} · Born 3 February 1970 \\(age \\d+\\)`));
    const golden = page.locator('.govuk-summary-list__row', { hasText: 'Phone' });
    assert.match((await golden.innerText()).replace(/\s+/g, ' '), /Phone 07700 900123 From Council tax\b.*, last said \d+ \w+ \d{4}/);
    assert.match(await seen(page, '.govuk-summary-list'), /National Insurance number AB123456C From Council tax/);
    const sections = page.getByRole('navigation', { name: 'Resident sections' });
    assert.deepEqual((await sections.getByRole('link').allInnerTexts()).map((text) => text.trim()), ['Overview', 'Records (2)', 'Addresses and household', 'Contacts and cases', 'History', 'Privacy']);
    assert.equal(await sections.getByRole('link', { name: 'Overview' }).getAttribute('aria-current'), 'page');
  });

  it('lists the records from each system with their references and when each last said so', async () => {
    const page = await signedInPage(await residentPath(server, 'AB123456C'));
    await page.getByRole('navigation', { name: 'Resident sections' }).getByRole('link', { name: 'Records (2)' }).click();
    await page.waitForURL(/\/records$/);
    assert.deepEqual(await page.locator('main h3').allInnerTexts(), ['Council tax', 'Housing benefit', 'Records that belong to someone else']);
    const cards = page.locator('.govuk-summary-card');
    assert.equal(await cards.count(), 2);
    assert.match((await cards.nth(0).innerText()).replace(/\s+/g, ' '), /^Reference CT1 Someone else ?: Council tax reference CT1 Last said \d+ \w+ \d{4}, first seen .*, version 2\./);
    assert.match((await cards.nth(1).innerText()).replace(/\s+/g, ' '), /^Reference HB9 Someone else ?: Housing benefit reference HB9 Last said .* by the same National Insurance number\./);
  });

  it('lists the other member of the household, linking to their page', async () => {
    const page = await signedInPage(`${await residentPath(server, 'AB123456C')}/addresses`);
    assert.match(await seen(page, 'table'), /1 High Street, Liverpool, L1 8JQ Current 380000000001/);
    await page.getByRole('link', { name: 'Mary Smith' }).click();
    await page.waitForURL(`${server.baseUrl}${await residentPath(server, 'Mary Smith 06/05/1972')}`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Mary Smith');
  });

  it('shows the history as a timeline, newest first, including the changed record', async () => {
    const page = await signedInPage(`${await residentPath(server, 'AB123456C')}/history`);
    const titles = await page.locator('.moj-timeline__item .moj-timeline__title').allInnerTexts();
    assert.deepEqual(titles, ['Council tax record changed', 'Housing benefit record linked', 'Council tax record linked']);
    assert.match(await seen(page, '.moj-timeline'), /Council tax reference CT1: version 2 replaced version 1/);
  });
});

describe('without JavaScript', () => {
  it('signs in, finds a resident, opens their page and signs out', async () => {
    const page = await server.newPage({ javaScriptEnabled: false });
    await signIn(page, server.baseUrl);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'GOV.UK Frontend ran, so JavaScript is on');
    await search(page, 'Jon Smyth');
    await page.getByRole('link', { name: 'John Smith' }).click();
    await page.waitForURL(/\/people\/[^/?]+$/);
    assert.match(await seen(page, '.moj-identity-bar'), /^John Smith Reference/);
    await page.getByRole('link', { name: 'Addresses and household' }).click();
    await page.waitForURL(/\/addresses$/);
    assert.match(await seen(page), /Mary Smith, born 6 May 1972/);
    await signOut(page);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign in to OneStop');
  });
});

describe('signing out and forged forms', () => {
  it('ends the session, so going back to /people asks for sign-in again', async () => {
    const page = await server.newPage();
    await signIn(page, server.baseUrl);
    await signOut(page);
    await page.goto(`${server.baseUrl}/people`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/people');
  });

  it('refuses a sign-out posted without the form token, and stays signed in', async () => {
    const page = await server.newPage();
    await signIn(page, server.baseUrl);
    const response = await page.request.post(`${server.baseUrl}/sign-out`, { form: { other: 'value' }, maxRedirects: 0 });
    assert.equal(response.status(), 403);
    assert.match(await response.text(), /You cannot do that/);
    await page.goto(`${server.baseUrl}/people`);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Find a resident');
  });

  it('refuses a sign-in posted without the form token, with or without the token cookie', async () => {
    const page = await server.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    const withCookie = await page.request.post(`${server.baseUrl}/sign-in`, { form: { email: staff.email, password: staff.password }, maxRedirects: 0 });
    assert.equal(withCookie.status(), 403);
    const bare = await fetch(`${server.baseUrl}/sign-in`, {
      method: 'POST', redirect: 'manual', body: new URLSearchParams({ email: staff.email, password: staff.password }),
    });
    assert.equal(bare.status, 403);
    assert.equal(bare.headers.get('set-cookie')?.includes('onestop_session') ?? false, false);
  });
});

describe('keyboard use', () => {
  it('reaches the skip link first, then the search field and button in order', async () => {
    const page = await signedInPage();
    const focused = async () => {
      const element = page.locator(':focus');
      return (await element.getAttribute('id')) ?? (await element.innerText()).trim();
    };
    await page.keyboard.press('Tab');
    assert.equal(await focused(), 'Skip to main content');
    const order: string[] = [];
    for (let step = 0; step < 12 && order.at(-1) !== 'Search'; step++) {
      await page.keyboard.press('Tab');
      order.push(await focused());
    }
    const fromField = order.slice(order.indexOf('q'));
    assert.deepEqual(fromField, ['q', 'postcode', 'dob', 'Search'], `Tab order was ${order.join(', ')}`);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('Jon Smyth');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/people\?q=Jon\+Smyth/);
    assert.equal(await page.getByRole('heading', { level: 2, name: /found/ }).innerText(), '1 resident found');
  });
});
