import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, signIn, startServer, type TestServer } from './browser-support.ts';

// WCAG 2.2.1 Timing Adjustable: before a session ends for want of activity the page warns and offers more time.
// The idle limit here is 3 minutes, so the warning (two minutes before the end) comes after one; the page's clock is
// moved on rather than waited for. Asking for more time is a real request, which the server counts as activity.

describe('the session timeout warning', { timeout: 120_000 }, () => {
  let server: TestServer;
  before(async () => { server = await startServer(undefined, { auth: { idleMinutes: 3 } }); });
  after(async () => server?.close());

  it('warns two minutes before the end in an accessible dialog, and gives more time when asked', async () => {
    const page = await server.newPage();
    await page.clock.install();
    await signIn(page, server.baseUrl);
    const dialog = page.getByRole('dialog', { name: 'You will be signed out soon' });
    assert.equal(await dialog.isVisible(), false, 'the warning came before its time');
    await page.clock.fastForward('01:05');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /we will sign you out in 2 minutes because you have not done anything for a while/);
    await assertAccessible(page, 'the session timeout warning');
    const extended = page.waitForResponse((response) => response.url().endsWith('/session/extend'));
    await page.getByRole('button', { name: 'Stay signed in' }).click();
    assert.equal((await extended).status(), 200);
    await dialog.waitFor({ state: 'hidden' });
    // The new three minutes run from the extension: no warning a minute later than the first would have ended.
    await page.clock.fastForward('00:30');
    assert.equal(await dialog.isVisible(), false);
    await server.closePages();
  });

  it('sends someone who does nothing to sign in when the time is up, to come back where they were', async () => {
    const page = await server.newPage();
    await page.clock.install();
    await signIn(page, server.baseUrl);
    // Only the page's clock has moved on, so the server (whose own expiry sign-in.routes.test.ts proves) still
    // holds the session: what matters here is that the page goes to sign in by itself, saying it timed out.
    const leaving = page.waitForRequest((request) => request.isNavigationRequest() && request.url().includes('/sign-in?timedOut=1'));
    await page.clock.runFor('03:01');
    assert.equal(new URL((await leaving).url()).searchParams.get('next'), '/people');
    await server.closePages();
  });
});
