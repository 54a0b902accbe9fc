import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock.ts';
import { openDatabase, type Database } from '../src/db/connection.ts';
import { migrate } from '../src/db/migrate.ts';
import { withTransaction } from '../src/db/transaction.ts';
import { createServices } from '../src/deps.ts';
import { testActor } from '../src/test-support.ts';
import { openBenchDatabase, percentile, round } from './bench-support.ts';

// Webhook delivery to a receiver on 127.0.0.1: a backlog of BENCH_WEBHOOK_EVENTS events (default 2,000) delivered
// by the server's dispatcher (throughput), then events published one per transaction at BENCH_WEBHOOK_RATE a second
// (default 50) with the dispatcher running, timed from commit to the receiver's hearing of them (latency). One
// subscription, so every delivery is in order, one after another. BENCH_DB=embedded runs on PGlite.

const backlog = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 2_000);
const rate = Number(process.env.BENCH_WEBHOOK_RATE ?? 50);
const embedded = process.env.BENCH_DB === 'embedded';
const database: Database = embedded ? await openDatabase({ kind: 'embedded', dataDir: 'memory://' }) : await openBenchDatabase('onestop_bench_webhooks', { fresh: true });
if (embedded) await migrate(database);
const services = createServices(database, { sessionHours: 8 }, systemClock);

const heard = new Map<string, number>();
const receiver = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => { heard.set(String(request.headers['onestop-event-id']), performance.now()); response.writeHead(204).end(); });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
await services.integration.webhooks.addSubscription(testActor, { name: 'bench', url, events: ['case.*'], allowPrivate: true });
const publish = (index: number) => withTransaction(services.db, (tx) => services.integration.outbox.publish(tx, { type: 'case.updated', subject: `case:${index}`, payload: { caseId: index } }));
const until = async (done: () => boolean) => { while (!done()) await new Promise((resolve) => setTimeout(resolve, 5)); };

for (let index = 0; index < backlog; index++) await publish(index);
const dispatcher = services.integration.dispatcher({ pollMs: 50 });
const started = performance.now();
dispatcher.start();
await until(() => heard.size >= backlog);
const throughput = backlog / ((performance.now() - started) / 1000);

const latencies: number[] = [];
const sample = rate * 10;
heard.clear();
for (let index = 0; index < sample; index++) {
  const before = performance.now();
  const id = await publish(backlog + index);
  const committed = performance.now();
  void until(() => heard.has(id)).then(() => latencies.push((heard.get(id) ?? committed) - committed));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / rate - (performance.now() - before))));
}
await until(() => latencies.length >= sample);
await dispatcher.stop();
receiver.close();
await database.close();
latencies.sort((a, b) => a - b);
process.stdout.write(`${JSON.stringify({
  database: embedded ? 'pglite' : 'postgresql', backlog, eventsPerSecond: round(throughput, 0), rate, sample,
  latencyMs: { p50: round(percentile(latencies, 50), 1), p95: round(percentile(latencies, 95), 1), max: round(latencies.at(-1) ?? Number.NaN, 1) }, pollMs: 50,
}, null, 2)}\n`);
