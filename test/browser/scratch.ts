import { startServer, signIn } from './browser-support.ts';
const server = await startServer();
const page = await server.browser.newPage();
await signIn(page, server.baseUrl);
for (const q of ['Jon Smyth', 'L1 8JQ', '07700900123', 'Zebedee Quux']) {
  await page.goto(`${server.baseUrl}/people?q=${encodeURIComponent(q)}`);
  console.log('----', q, '\n', await page.locator('main').innerText());
}
await page.getByRole('link', { name: 'John Smith' }).first().click().catch(() => undefined);
await page.goto(`${server.baseUrl}/people?q=Jon+Smyth`);
await page.getByRole('link', { name: 'John Smith' }).click();
console.log(page.url(), await page.locator('main').innerText());
for (const tab of ['records', 'addresses', 'history']) { await page.goto(page.url().replace(/\/(records|addresses|history)$/, '') + '/' + tab); console.log('----', tab, '\n', await page.locator('main').innerText()); }
await server.close();
