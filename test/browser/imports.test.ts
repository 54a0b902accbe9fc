import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { librariesExtract, seen, startServer, type TestServer } from './browser-support.ts';

// Importing an extract through the page: upload, watch it run (with and without JavaScript), download the rejects.

let server: TestServer;
before(async () => { server = await startServer(); });
afterEach(async () => { await server?.closePages(); server?.worker.start(); });
after(async () => { await server?.close(); });

async function upload(page: Page, system: string, file?: { name: string; text: string }): Promise<number> {
  await page.goto(`${server.baseUrl}/imports`);
  if (system !== '') await page.getByLabel('Source system').fill(system);
  if (file) await page.getByLabel('CSV file').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text) });
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
    page.getByRole('button', { name: 'Start import' }).click(),
  ]);
  await page.waitForLoadState();
  return response.status();
}

/** The import page's summary list as label to value. */
async function counts(page: Page): Promise<Record<string, string>> {
  const rows = await page.locator('#import-progress .govuk-summary-list__row').all();
  return Object.fromEntries(await Promise.all(rows.map(async (row) => [
    (await row.locator('dt').innerText()).trim(), (await row.locator('dd').innerText()).trim(),
  ])));
}

const status = (page: Page) => page.locator('main p .govuk-tag').innerText();

describe('importing through the page', () => {
  it('uploads an extract, shows it waiting, updates itself to completed and offers the rejects', async () => {
    const page = await server.newPage({ signedIn: true });
    await server.worker.stop();
    assert.equal(await upload(page, 'libraries', { name: 'libraries.csv', text: librariesExtract }), 303);
    assert.match(new URL(page.url()).pathname, /^\/imports\/\d+$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Import of libraries.csv');
    assert.equal(await status(page), 'Queued');
    assert.match(await seen(page, '#import-progress'), /Waiting to start\./);

    server.worker.start();
    // No one reloads the page: its script follows the import and reloads it once the import has finished.
    await page.locator('main p .govuk-tag', { hasText: 'Completed' }).waitFor();
    assert.match(await seen(page, '#import-progress'), /Progress: 100% of the file read/);
    assert.deepEqual(await counts(page), {
      'Rows read': '2', 'New records': '1', 'Changed records': '0', 'Unchanged records': '0', 'Rejected rows': '1', 'Ended records': '0', 'New residents': '1',
    });
    assert.equal(await page.getByRole('link', { name: 'Refresh progress' }).count(), 0);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the 1 rejected rows (CSV)' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^import-\d+-rejects\.csv$/);
    const rejects = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(rejects[0], 'line,reason,original_line');
    assert.match(rejects[1] ?? '', /^3,.*31\/02\/1975.*,"LIB2,Bad,Date,31\/02\/1975,L8 1AA"$/);
    assert.equal(rejects.length, 2);

    await page.goto(`${server.baseUrl}/people?q=${encodeURIComponent('Priya Patel')}`);
    assert.match(await seen(page, 'table'), /Priya Patel .* 14 July 1990/);
  });

  it('follows an import to completion with the Refresh progress link when JavaScript is off', async () => {
    const page = await server.newPage({ javaScriptEnabled: false, signedIn: true });
    await server.worker.stop();
    const extract = 'source_id,given_name,family_name,dob\nL1,Tom,Jones,1965-01-02\nL2,Ann,Jones,1966-03-04\n';
    assert.equal(await upload(page, 'leisure', { name: 'leisure.csv', text: extract }), 303);
    assert.equal(await page.locator('body.js-enabled').count(), 0, 'GOV.UK Frontend ran, so JavaScript is on');
    assert.equal(await status(page), 'Queued');
    const refresh = page.getByRole('link', { name: 'Refresh progress' });
    await refresh.click();
    assert.equal(await status(page), 'Queued');

    server.worker.start();
    for (let attempt = 0; attempt < 50 && (await status(page)) !== 'Completed'; attempt++) {
      await page.waitForTimeout(100);
      await refresh.click();
      await page.waitForLoadState();
    }
    assert.equal(await status(page), 'Completed');
    assert.equal((await counts(page))['New residents'], '2');
    assert.match(await seen(page, '#import-progress'), /Finished \d+ \w+ \d{4} at/);
    assert.equal(await page.getByRole('link', { name: /rejected rows/ }).count(), 0);
    await page.getByRole('link', { name: 'Imports' }).first().click();
    assert.match(await seen(page, page.getByRole('table', { name: 'Recent imports, newest first' })), /leisure\.csv .* Leisure Completed 2 2 0/);
  });

  it('refuses an upload with no file or no system, saying what is missing', async () => {
    const page = await server.newPage({ signedIn: true });
    assert.equal(await upload(page, ''), 400);
    const summary = page.locator('.govuk-error-summary');
    assert.deepEqual(await summary.getByRole('link').allInnerTexts(), ['Enter the source system the file comes from, like council_tax', 'Select a CSV file to import']);
    assert.match(await page.title(), /^Error: Imports/);

    assert.equal(await upload(page, 'libraries'), 400);
    assert.deepEqual(await summary.getByRole('link').allInnerTexts(), ['Select a CSV file to import']);
    assert.equal(await page.getByLabel('Source system').inputValue(), 'libraries');

    assert.equal(await upload(page, '', { name: 'extract.csv', text: librariesExtract }), 400);
    assert.deepEqual(await summary.getByRole('link').allInnerTexts(), ['Enter the source system the file comes from, like council_tax']);
    await summary.getByRole('link').click();
    assert.equal(await page.locator(':focus').getAttribute('id'), 'system');
  });

  it('refuses an upload without the form\'s CSRF token before reading the file, and starts no import', async () => {
    const page = await server.newPage({ signedIn: true });
    await page.goto(`${server.baseUrl}/imports`);
    const before = (await server.services.imports.listRuns()).length;
    const response = await page.request.post(`${server.baseUrl}/imports`, {
      multipart: { system: 'libraries', file: { name: 'extract.csv', mimeType: 'text/csv', buffer: Buffer.from(librariesExtract) } },
    });
    assert.equal(response.status(), 403);
    assert.match(await response.text(), /The form had expired/);
    assert.equal((await server.services.imports.listRuns()).length, before);
  });
});
