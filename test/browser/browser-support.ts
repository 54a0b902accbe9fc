import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { openTestDatabase } from '../../src/db/test-database.ts';
import { createServices, type Services } from '../../src/deps.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { importJobKind } from '../../src/sources/import.service.ts';
import { buildApp } from '../../src/web/app.ts';
import type { Role, SystemActor } from '../../src/access/staff.ts';
import type { AuthConfig } from '../../src/config.ts';
import { chromiumArgs, chromiumPath } from './chromium.ts';
import { relinkJobKind } from '../../src/matching/relink.service.ts';
import { addStaff, testActor } from '../../src/test-support.ts';

// One running OneStop per browser test file: a fresh database with a small extract from two systems,
// the real app listening on a free port, a job worker for uploaded imports, and one Chromium.

export const staff = { email: 'alex.agent@test.gov.uk', password: 'correct horse battery', displayName: 'Alex Agent' };

const header = 'source_id,given_name,family_name,dob,postcode,address_line1,town,uprn,ni_number,phone';
const councilTax = [
  header,
  'CT1,John,Smith,1970-02-03,L1 8JQ,1 High Street,Liverpool,380000000001,AB123456C,07700 900001',
  'CT2,Mary,Smith,1972-05-06,L1 8JQ,1 High Street,Liverpool,380000000001,,',
  'CT3,Ahmed,Khan,1985-11-30,L17 2AB,4 Park Road,Liverpool,380000000002,JC654321A,',
];
const housingBenefit = [header, 'HB9,John,Smith,03/02/1970,L1 8JQ,1 High Street,Liverpool,380000000001,AB 12 34 56 C,'];
/** John's council tax record again, with a new phone number: the earlier version becomes history. */
const councilTaxLater = councilTax.map((line) => line.replace('07700 900001', '07700 900123'));

/** A libraries extract with one good row and one row whose date of birth cannot be read. */
export const librariesExtract = [
  'source_id,given_name,family_name,dob,postcode',
  'LIB1,Priya,Patel,1990-07-14,L8 1AA',
  'LIB2,Bad,Date,31/02/1975,L8 1AA',
].join('\n');

type SessionState = Awaited<ReturnType<BrowserContext['storageState']>>;

export type TestServer = {
  baseUrl: string;
  services: Services;
  browser: Browser;
  dataDir: string;
  /** The job worker that runs uploaded imports; stop it to see an import wait in the queue. */
  worker: { start(): void; stop(): Promise<void> };
  /**
   * A page in a new browser context (its own cookies), closed by closePages. signedIn shares one session made at
   * the first ask, which saves signing in for every test: a test that signs out must sign in for itself.
   */
  newPage(options?: { javaScriptEnabled?: boolean; signedIn?: boolean }): Promise<Page>;
  closePages(): Promise<void>;
  close(): Promise<void>;
};

/** A test server; `prepare` loads more data before it starts serving; `options` change sign-in settings and the port. */
export async function startServer(prepare?: (services: Services) => Promise<void>, options: { auth?: Partial<AuthConfig>; port?: number } = {}): Promise<TestServer> {
  const database = await openTestDatabase();
  const services = createServices(database, { sessionHours: 8 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onestop-browser-'));
  const worker = createWorker({
    db: services.db, clock: services.clock, pollMs: 100,
    handlers: {
      [importJobKind]: (payload) => services.imports.runQueued(payload),
      [relinkJobKind]: (payload, job) => services.relink.runRelinkJob(job.id, payload),
    },
    log: { info: () => undefined, error: (object, message) => console.error(message, object) },
  });
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  try {
    await services.staff.addUser({ ...staff, role: 'service_team' });
    await importExtracts(services, dataDir);
    await prepare?.(services);
    worker.start();
    app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir, ...(options.auth ? { auth: options.auth } : {}) } });
    await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  } catch (error) {
    await app?.close();
    await worker.stop();
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('The app is not listening on a TCP port.');
  const listening = app;
  const openBrowser = browser;
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const contexts: BrowserContext[] = [];
  const closePages = async () => { await Promise.all(contexts.splice(0).map((context) => context.close())); };
  let session: Promise<SessionState> | undefined;
  const signedInState = (): Promise<SessionState> => {
    session ??= (async () => {
      const context = await openBrowser.newContext();
      await signIn(await context.newPage(), baseUrl);
      const state = await context.storageState();
      await context.close();
      return state;
    })();
    return session;
  };
  return {
    baseUrl,
    services,
    browser: openBrowser,
    dataDir,
    worker,
    async newPage(options = {}) {
      const storageState = options.signedIn ? await signedInState() : undefined;
      const context = await openBrowser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, ...(storageState ? { storageState } : {}) });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    closePages,
    async close() {
      await closePages();
      await openBrowser.close();
      await listening.close();
      await worker.stop();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function importExtracts(services: Services, dataDir: string): Promise<void> {
  const actor: SystemActor = { kind: 'system', name: 'test', door: 'cli' };
  const extracts: Array<[string, string, string[]]> = [
    ['council_tax', 'council-tax.csv', councilTax],
    ['housing_benefit', 'housing-benefit.csv', housingBenefit],
    ['council_tax', 'council-tax-later.csv', councilTaxLater],
  ];
  for (const [systemCode, name, lines] of extracts) {
    const filePath = path.join(dataDir, name);
    fs.writeFileSync(filePath, `${lines.join('\n')}\n`);
    await services.imports.importFile({ systemCode, filePath, actor });
  }
}

export async function signIn(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(staff.email);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${baseUrl}/people`);
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/sign-in$/);
}

/** The path to the resident page of the first search result for a query. */
export async function residentPath(server: TestServer, q: string): Promise<string> {
  const { hits } = await server.services.people.search(testActor, { q });
  const reference = hits[0]?.reference;
  assert.ok(reference, `No resident found for "${q}"`);
  return `/people/${reference}`;
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the page as it stands and fails with each violation's rule, help and targets. */
export async function assertAccessible(page: Page, pageKind: string): Promise<void> {
  // Legacy mode runs axe once in the page instead of frame by frame and then again in a blank page: half the time,
  // and OneStop's pages have no frames from other origins, which is all it would miss.
  const results = await new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode(true).analyze();
  const described = results.violations.map((violation) =>
    `${violation.id} (${violation.impact ?? 'no impact given'}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).join('\n    ')}`);
  assert.equal(results.violations.length, 0, `${pageKind} at ${page.url()} has accessibility violations:\n  ${described.join('\n  ')}`);
}

/** Text a person sees in an element (main, unless a selector or locator says which), with runs of white space made single. */
export async function seen(page: Page, target: string | Locator = 'main'): Promise<string> {
  const element = typeof target === 'string' ? page.locator(target) : target;
  return (await element.innerText()).replace(/\s+/g, ' ').trim();
}

/** A page signed in as a particular member of staff (made by the test), in a context of its own. */
export async function pageSignedInAs(server: TestServer, email: string, password: string, path = '/people'): Promise<Page> {
  const page = await server.newPage();
  await page.goto(`${server.baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/people$/);
  if (path !== '/people') await page.goto(`${server.baseUrl}${path}`);
  return page;
}

/**
 * assertAccessible, for pages whose radios reveal questions while JavaScript runs. GOV.UK Frontend's script puts
 * aria-expanded on such radios, which axe reports (aria-allowed-attr): a known issue its maintainers keep on purpose,
 * because screen readers announce it (alphagov/govuk-frontend#979). That one finding, on those radios only, is let
 * through; every other rule must pass, and the same pages without JavaScript pass assertAccessible in full.
 */
export async function assertAccessibleWithReveals(page: Page, pageKind: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode(true).analyze();
  const revealRadios = new Set(await page.locator('input[type="radio"][aria-controls^="conditional-"]').evaluateAll((inputs) => inputs.map((input) => `#${input.id}`)));
  const violations = results.violations.flatMap((violation) => {
    const nodes = violation.nodes.filter((node) => !(violation.id === 'aria-allowed-attr' && node.target.every((target) => revealRadios.has(String(target))) && /aria-expanded/.test(node.html)));
    return nodes.length > 0 ? [`${violation.id}: ${violation.help} (${nodes.map((node) => node.target.join(' ')).join(', ')})`] : [];
  });
  assert.deepEqual(violations, [], `${pageKind} at ${page.url()} has accessibility violations`);
}

/** The starter catalogue and a member of staff for each [email, role], all with one password: most journeys' council. */
export async function withCatalogueAndStaff(services: Services, people: ReadonlyArray<[string, Role]>, password: string): Promise<void> {
  await services.catalogue.loadStarter(testActor);
  await addStaff(services, people, password);
}
