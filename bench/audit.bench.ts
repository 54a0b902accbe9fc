import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { systemClock } from '../src/clock.ts';
import { createAuditService } from '../src/audit/audit.service.ts';
import type { AuditEntryInput } from '../src/audit/audit.ts';
import { openBenchDatabase, percentile, round, seeded } from './bench-support.ts';

// The audit trail at a council's scale, on the PostgreSQL server: a trail of BENCH_AUDIT_ENTRIES entries (default
// 1,000,000: a year of a busy contact centre's views), then how long one entry takes to append (alone, and with
// eight writers at once, who take turns on the chain's lock), how long the data protection officer's questions take
// ("who has looked at this resident", "what did this member of staff open", within dates), and how long
// `onestop audit verify` takes to walk the whole chain.

const entries = Number(process.env.BENCH_AUDIT_ENTRIES ?? 1_000_000);
const staffCount = 2_000;
const residents = 500_000;
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

const database = await openBenchDatabase('onestop_bench_audit', { fresh: true });
const audit = createAuditService({ db: database.db, clock: systemClock });
const random = seeded(2002);
const pick = (n: number) => 1 + Math.floor(random() * n);

function entry(): AuditEntryInput {
  const staff = pick(staffCount);
  return {
    actor: `user:${staff}`, actorName: `Staff member ${staff}`, door: random() < 0.8 ? 'web' : 'api',
    action: random() < 0.95 ? 'person.view' : 'record.reveal', personId: pick(residents),
    reason: null, details: { records: pick(6) },
  };
}

log(`filling the trail with ${entries.toLocaleString('en-GB')} entries`);
let started = performance.now();
for (let done = 0; done < entries; done += 10_000) {
  await audit.recordMany(database.db, Array.from({ length: Math.min(10_000, entries - done) }, entry));
  if (done % 200_000 === 0) log(`  ${done.toLocaleString('en-GB')}`);
}
const fillSeconds = (performance.now() - started) / 1000;
await database.asOwner((owner) => sql`analyze audit_event`.execute(owner));

async function timed(count: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const begun = performance.now();
    await work();
    times.push(performance.now() - begun);
  }
  return times.sort((a, b) => a - b);
}
const summary = (times: number[]) => ({ p50: round(percentile(times, 50)), p95: round(percentile(times, 95)) });

log('appending one entry at a time');
const single = await timed(1_000, () => audit.record(database.db, entry()));
log('appending with eight writers at once');
started = performance.now();
const concurrent: number[] = [];
await Promise.all(Array.from({ length: 8 }, async () => concurrent.push(...await timed(250, () => audit.record(database.db, entry())))));
const concurrentSeconds = (performance.now() - started) / 1000;
concurrent.sort((a, b) => a - b);

log('asking the data protection officer\'s questions');
const byPerson = await timed(300, () => audit.forPerson(pick(residents), { limit: 50 }));
const byActor = await timed(300, () => audit.byActor(`user:${pick(staffCount)}`, { limit: 50 }));
const now = Date.now();
const byActorInMonth = await timed(300, () => audit.byActor(`user:${pick(staffCount)}`, { limit: 50, from: new Date(now - 30 * 86_400_000), to: new Date(now) }));

log('verifying the whole chain');
started = performance.now();
const outcome = await audit.verify();
const verifySeconds = (performance.now() - started) / 1000;

const result = {
  entries: outcome.checked,
  fill: { seconds: round(fillSeconds, 1), entriesPerSecond: Math.round(entries / fillSeconds) },
  appendOneMs: summary(single),
  appendEightWritersMs: { ...summary(concurrent), entriesPerSecond: Math.round(2_000 / concurrentSeconds) },
  whoLookedAtResidentMs: summary(byPerson),
  whatStaffOpenedMs: summary(byActor),
  whatStaffOpenedInAMonthMs: summary(byActorInMonth),
  verify: { intact: outcome.intact, seconds: round(verifySeconds, 1), entriesPerSecond: Math.round(outcome.checked / verifySeconds) },
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await database.close();
