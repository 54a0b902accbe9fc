import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import { assertAccessible, startServer, type TestServer } from './browser-support.ts';

// Single sign-on through OpenID Connect against a real provider on this machine (the oidc-provider package, with
// its development sign-in pages standing in for the council's Entra ID), driven in Chromium end to end: the
// authorisation code flow with PKCE, state and nonce, as openid-client does it against any provider.

const staffEmail = 'alex.agent@test.gov.uk';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('signing in with the council account', { timeout: 120_000 }, () => {
  let server: TestServer;
  let provider: Server;
  let issuer: string;

  before(async () => {
    const [appPort, providerPort] = [await freePort(), await freePort()];
    issuer = `http://127.0.0.1:${providerPort}`;
    const redirectUri = `http://127.0.0.1:${appPort}/sign-in/council-account/callback`;
    const oidc = new Provider(issuer, {
      clients: [{ client_id: 'onestop', client_secret: 'a test secret only this test knows', redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
      // The account is whatever the person types on the provider's development sign-in page; its email is that too.
      findAccount: async (_context, id) => ({ accountId: id, claims: async () => ({ sub: id, email: id, email_verified: !id.startsWith('unverified.') }) }),
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
    });
    provider = oidc.listen(providerPort);
    server = await startServer(undefined, {
      port: appPort,
      auth: { oidc: { issuer, clientId: 'onestop', clientSecret: 'a test secret only this test knows', redirectUri } },
    });
  });
  after(async () => {
    await server?.close();
    await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
  });

  /** Starts at OneStop's sign-in page and signs in at the provider as `login`, consenting if asked. */
  async function throughProvider(login: string) {
    const page = await server.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await assertAccessible(page, 'sign-in page with single sign-on');
    await page.getByRole('button', { name: 'Sign in with your council account' }).click();
    await page.waitForURL((url) => url.href.startsWith(issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('anything: the development provider takes any password');
    await page.locator('button[type="submit"]').click();
    // The provider asks once to share the account with OneStop.
    const consent = page.locator('button[type="submit"]', { hasText: /continue/i });
    if (await consent.count() > 0 && page.url().startsWith(issuer)) await consent.first().click();
    await page.waitForURL((url) => url.href.startsWith(server.baseUrl));
    return page;
  }

  it('signs in a member of staff whose council account has the same email, and lands on Find a resident', async () => {
    const page = await throughProvider(staffEmail);
    assert.equal(new URL(page.url()).pathname, '/people');
    assert.match(await page.locator('.onestop-signed-in').innerText(), /Alex Agent/);
    await server.closePages();
  });

  it('refuses a council account with no OneStop account, saying whom to ask, and signs no one in', async () => {
    const page = await throughProvider('stranger@test.gov.uk');
    assert.equal(new URL(page.url()).pathname, '/sign-in/council-account/callback');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /no active OneStop account for stranger@test\.gov\.uk/);
    await page.goto(`${server.baseUrl}/people`);
    assert.equal(new URL(page.url()).pathname, '/sign-in');
    await server.closePages();
  });

  it('refuses an address the provider has not verified', async () => {
    const page = await throughProvider('unverified.alex@test.gov.uk');
    assert.match(await page.locator('.govuk-error-summary').innerText(), /did not give OneStop an email address/);
    await server.closePages();
  });

  it('refuses the provider\'s answer a second time: each trip is answered once', async () => {
    const page = await throughProvider(staffEmail);
    assert.equal(new URL(page.url()).pathname, '/people');
    const replay = await server.newPage();
    // A callback URL replayed from another browser carries no sign-in cookie of its own.
    await replay.goto(`${server.baseUrl}/sign-in/council-account/callback?code=stolen&state=guessed`);
    assert.match(await replay.locator('.govuk-error-summary').innerText(), /took too long, or was started in another window/);
    await server.closePages();
  });
});
