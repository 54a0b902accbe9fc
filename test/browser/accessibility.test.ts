import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertAccessible, librariesExtract, residentPath, staff, startServer, type TestServer } from './browser-support.ts';

// axe (WCAG 2.0, 2.1 and 2.2 A and AA rules) on every kind of page, as a signed-in member of staff sees it.

let server: TestServer;
let importId = 0;
before(async () => {
  server = await startServer();
  const filePath = path.join(server.dataDir, 'libraries.csv');
  fs.writeFileSync(filePath, `${librariesExtract}\n`);
  importId = (await server.services.imports.importFile({ systemCode: 'libraries', filePath, actor: { kind: 'system', name: 'test', door: 'cli' } })).id;
});
afterEach(async () => { await server?.closePages(); });
after(async () => { await server?.close(); });

async function signedIn(): Promise<Page> {
  const page = await server.newPage({ signedIn: true });
  await page.goto(`${server.baseUrl}/people`);
  return page;
}

describe('accessibility', () => {
  it('finds no violations on the sign-in page, with and without errors', async () => {
    const page = await server.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await assertAccessible(page, 'Sign-in page');
    await page.getByLabel('Email address').fill(staff.email);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await assertAccessible(page, 'Sign-in page with errors');
  });

  it('finds no violations on the search page: empty, with results and with none', async () => {
    const page = await signedIn();
    await assertAccessible(page, 'Search page');
    await page.goto(`${server.baseUrl}/people?q=${encodeURIComponent('Jon Smyth')}`);
    assert.equal(await page.locator('table tbody tr').count(), 1);
    await assertAccessible(page, 'Search results');
    await page.goto(`${server.baseUrl}/people?q=${encodeURIComponent('Zebedee Quux')}`);
    await page.getByRole('heading', { name: 'No residents found' }).waitFor();
    await assertAccessible(page, 'Search with no results');
  });

  it('finds no violations on any of the four resident tabs', async () => {
    const page = await signedIn();
    const resident = await residentPath(server, 'AB123456C');
    for (const [tab, suffix] of [['Overview', ''], ['Records', '/records'], ['Addresses and household', '/addresses'], ['History', '/history']] as const) {
      await page.goto(`${server.baseUrl}${resident}${suffix}`);
      await assertAccessible(page, `Resident ${tab} tab`);
    }
  });

  it('finds no violations on the imports list, with and without errors, and on an import', async () => {
    const page = await signedIn();
    await page.goto(`${server.baseUrl}/imports`);
    await assertAccessible(page, 'Imports list');
    await page.getByRole('button', { name: 'Start import' }).click();
    await page.locator('.govuk-error-summary').waitFor();
    await assertAccessible(page, 'Imports list with errors');
    await page.goto(`${server.baseUrl}/imports/${importId}`);
    await page.getByRole('link', { name: /Download the 1 rejected rows/ }).waitFor();
    await assertAccessible(page, 'Import page');
  });

  it('finds no violations on the page-not-found page', async () => {
    const page = await signedIn();
    const response = await page.goto(`${server.baseUrl}/no-such-page`);
    assert.equal(response?.status(), 404);
    await assertAccessible(page, 'Page not found');
  });
});
