import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { AuditRecorder } from '../audit/audit.ts';
import { createDispatcher, type DispatcherOptions } from './dispatcher.ts';
import { createOutbox } from './outbox.ts';
import { createWebhookService } from './webhook.service.ts';
import type { Resolver } from './target-guard.ts';

// The hand-off to back-office systems, built once: the outbox domains publish to, the administrator's webhook
// service, and a dispatcher for the server's worker (or a test) to run.
export function createIntegration({ db, clock, audit, embedded, resolve }: { db: Db; clock: Clock; audit: AuditRecorder; embedded: boolean; resolve?: Resolver }) {
  const outbox = createOutbox({ clock });
  const webhooks = createWebhookService({ db, clock, audit, outbox, ...(resolve ? { resolve } : {}) });
  // The embedded database has one process, so a delivery marked delivering at start-up was left by one that died.
  const dispatcher = (options: Partial<DispatcherOptions> = {}) => createDispatcher({ db, clock, ...(embedded ? { abandonedAfterMs: 0 } : {}), ...(resolve ? { resolve } : {}), ...options });
  return { outbox, webhooks, dispatcher };
}
