import type { FastifyInstance } from 'fastify';
import type { Services } from '../deps.ts';
import { tempDir } from '../test-support.ts';
import { buildApp } from './app.ts';

/** The app serving a test council, ready for inject. */
export async function servedApp(services: Services): Promise<FastifyInstance> {
  const app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir: tempDir() } });
  await app.ready();
  return app;
}

/**
 * Every route the app serves, as method and path in Fastify's form (/people/:reference), read from its own route
 * tree, so a test that must cover every route notices a new one.
 */
export function servedRoutes(app: FastifyInstance): Array<{ method: string; path: string }> {
  const routes: Array<{ method: string; path: string }> = [];
  const stack: Array<{ depth: number; path: string }> = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length;
    while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1]?.path ?? '';
    const full = parent === '/' ? `/${match[2] ?? ''}` : `${parent}${match[2] ?? ''}`;
    stack.push({ depth, path: full });
    for (const method of (match[3] ?? '').split(', ')) routes.push({ method, path: full });
  }
  return routes;
}
