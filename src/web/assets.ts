import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

// Front-end assets straight from the GOV.UK Frontend and MOJ Frontend packages. Councils are not GOV.UK, so the
// GDS Transport font (licensed for GOV.UK only) is swapped for Arial, as the GOV.UK Design System advises.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const govuk = path.join(root, 'node_modules/govuk-frontend/dist/govuk');
const moj = path.join(root, 'node_modules/@ministryofjustice/frontend/moj');
const own = path.join(root, 'src/web/static');

export function withoutGovukFont(css: string): string {
  return css.replace(/@font-face\{font-family:GDS Transport;[^}]*\}/g, '').replace(/"?GDS Transport"?,\s*/g, '');
}

export async function registerAssets(app: FastifyInstance): Promise<void> {
  const stylesheets = {
    'govuk-frontend.css': withoutGovukFont(fs.readFileSync(path.join(govuk, 'govuk-frontend.min.css'), 'utf8')),
    'moj-frontend.css': withoutGovukFont(fs.readFileSync(path.join(moj, 'moj-frontend.min.css'), 'utf8')),
  };
  for (const [name, css] of Object.entries(stylesheets)) {
    app.get(`/stylesheets/${name}`, { config: { public: true } }, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));
  }
  await app.register(fastifyStatic, { root: path.join(govuk, 'assets'), prefix: '/assets/', decorateReply: false, maxAge: 3_600_000 });
  await app.register(fastifyStatic, { root: [govuk, moj], prefix: '/javascripts/vendor/', decorateReply: false, allowedPath: (pathname) => pathname.endsWith('.min.js') });
  await app.register(fastifyStatic, { root: own, prefix: '/static/', decorateReply: false });
}
