import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { migrationStatus } from '../db/migrate.ts';
import type { Services } from '../deps.ts';

// /healthz: the process is alive. /readyz: it can reach its database and the schema is current.
export async function registerHealthRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/healthz', { config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(services.db);
      const status = await migrationStatus(services.db);
      if (status.pending.length > 0) {
        return reply.code(503).send({ status: 'not ready', reason: `${status.pending.length} database migration(s) not applied` });
      }
      return { status: 'ready', migrations: status.applied.length };
    } catch {
      return reply.code(503).send({ status: 'not ready', reason: 'the database cannot be reached' });
    }
  });
}
