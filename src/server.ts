import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Services } from './deps.ts';
import { createWorker } from './jobs/worker.ts';
import { relinkJobKind } from './matching/relink.service.ts';
import { importJobKind } from './sources/import.service.ts';
import { retentionJobKind } from './privacy/retention.service.ts';
import { slaAlertsJobKind } from './cases/sla-alerts.service.ts';
import { buildApp, type DemoAccount } from './web/app.ts';

// The running server: web pages, the API and a job worker in one process, stopped gracefully on SIGTERM.
export async function startServer(services: Services, config: Config, options: { demoAccounts?: DemoAccount[]; onListening?: (url: string) => void } = {}) {
  const app = await buildApp({ services, config, logLevel: config.logLevel, demoAccounts: options.demoAccounts ?? [] });
  const worker = createWorker({
    db: services.db,
    clock: services.clock,
    log: app.log,
    // The embedded database has one process, so a job marked running at start-up was left by one that died.
    ...(services.database.kind === 'embedded' ? { abandonedAfterMs: 0 } : {}),
    handlers: {
      [importJobKind]: (payload) => services.imports.runQueued(payload),
      [relinkJobKind]: (payload, job) => services.relink.runRelinkJob(job.id, payload),
      [retentionJobKind]: () => services.privacy.runRetentionJob(),
      [slaAlertsJobKind]: () => services.caseAlerts.runAlertsJob(),
    },
  });
  // Events in the outbox go to the back offices subscribed to them (src/integration), beside the job worker.
  const dispatcher = services.integration.dispatcher({ log: app.log });
  // The retention rules run each night; the job queues the next night's run itself.
  await services.privacy.scheduleRetention();
  // Cases' SLA alerts are looked for every few minutes; each run queues the next.
  await services.caseAlerts.scheduleAlerts();
  await app.listen({ port: config.port, host: config.host });
  worker.start();
  dispatcher.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  options.onListening?.(`http://localhost:${port}`);
  let stopping: Promise<void> | undefined;
  const stop = () => {
    // Finishes requests in flight and the job in hand, then closes the database.
    stopping ??= (async () => {
      app.log.info('shutting down');
      await app.close();
      await worker.stop();
      await dispatcher.stop();
      await services.database.close();
    })();
    return stopping;
  };
  return { app: app as FastifyInstance, port, stop };
}

export function stopOnSignals(stop: () => Promise<void>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
}
