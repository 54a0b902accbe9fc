import { AxeBuilder } from '@axe-core/playwright';
import { startServer, signIn, residentPath } from './browser-support.ts';
const server = await startServer();
const page = await server.newPage();
await page.goto(`${server.baseUrl}/sign-in`);
const check = async (label: string) => {
  const r = await new AxeBuilder({ page }).analyze();
  console.log(label, r.violations.map((v) => `${v.id} [${v.tags.join(' ')}]: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`));
};
await check('sign-in');
await signIn(page, server.baseUrl);
await check('search');
await page.goto(`${server.baseUrl}/people?q=Jon+Smyth`); await check('results');
const p = await residentPath(server, 'AB123456C');
for (const s of ['', '/records', '/addresses', '/history']) { await page.goto(`${server.baseUrl}${p}${s}`); await check(s || 'overview'); }
await page.goto(`${server.baseUrl}/imports`); await check('imports');
await page.goto(`${server.baseUrl}/imports/1`); await check('import');
await page.goto(`${server.baseUrl}/nope`); await check('404');
await server.close();
