import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { SystemActor } from '../src/access/staff.ts';
import type { Database, Db } from '../src/db/connection.ts';
import { withTransaction } from '../src/db/transaction.ts';
import type { Services } from '../src/deps.ts';
import { round } from './bench-support.ts';
import { seedCases } from './contact-centre-cases.ts';

// The contact centre's history for the council the search benchmark built, written by set-based SQL: contacts over
// three years on a council's mix of channels, most about a resident (a few residents very often), their reasons from
// the catalogue, and a case with its "opened" event for every tenth contact. Seeding is recorded in bench_seed, so a
// second run at the same size skips it; an interrupted run carries on from the last whole chunk.

export type SeedSize = { contacts: number; cases: number; staff: number };
export type SeedFigures = Record<string, unknown>;

const benchActor: SystemActor = { kind: 'system', name: 'bench', door: 'cli' };
export const benchPassword = 'bench-agent-password-1';
export const benchAgentEmail = (index: number) => `bench.agent${String(index).padStart(3, '0')}@council.gov.uk`;
/** History ends here and goes back three years; the measurements run later, at the real time. */
const historyEnd = new Date('2026-11-24T18:00:00Z');
const historyDays = 3 * 365;
const contactChunk = 250_000;
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

export async function seedContactCentre(database: Database, services: Services, size: SeedSize): Promise<SeedFigures> {
  // As the tables' owner: the seed writes history no request could, and keeps its own bookkeeping tables.
  return database.asOwner((db) => seed(db, services, size));
}

async function seed(db: Db, services: Services, size: SeedSize): Promise<SeedFigures> {
  await sql`create table if not exists bench_seed (name text primary key, size bigint not null, seconds numeric not null, at timestamptz not null default now())`.execute(db);
  const done = await sql<{ size: string; seconds: string }>`select size::text, seconds::text from bench_seed where name = 'contact-centre'`.execute(db);
  const agents = await ensureStaff(services, size.staff);
  if (done.rows[0]?.size === String(size.contacts)) {
    log(`contact centre already seeded with ${size.contacts} contacts: skipping`);
    return { skipped: true, seededInSeconds: Number(done.rows[0].seconds), agents: agents.length };
  }
  if (done.rows.length > 0) throw new Error(`This database was seeded with ${done.rows[0]?.size} contacts, not ${size.contacts}: build another (BENCH_RESIDENTS) or drop it.`);
  const started = performance.now();
  const loaded = await services.catalogue.loadStarter(benchActor);
  log(`starter catalogue: ${loaded.ok ? `${loaded.added} services added` : 'not loaded'}`);
  const residents = await rankResidents(db);
  const bulk = await beginBulkLoad(db);
  const contactSeconds = await seedContacts(db, size.contacts, agents);
  const caseSeconds = await seedCases(db, size.cases, historyEnd);
  const indexSeconds = await endBulkLoad(db);
  log('analysing');
  const analyseStarted = performance.now();
  await sql`analyze`.execute(db);
  const seconds = round((performance.now() - started) / 1000, 1);
  await sql`insert into bench_seed (name, size, seconds) values ('contact-centre', ${size.contacts}, ${seconds})`.execute(db);
  return { residentsRanked: residents, foreignKeysCheckedPerRow: !bulk.triggersOff, contactSeconds, caseSeconds, indexSeconds, analyseSeconds: round((performance.now() - analyseStarted) / 1000, 1), seconds, agents: agents.length };
}

const bulkTables = ['contact', 'contact_reason', 'service_case', 'case_event'];

/**
 * A first load's usual shape: the secondary indexes of the four tables are dropped (their definitions kept in
 * bench_seed_index, so an interrupted seed puts them back) and built again at the end, and foreign keys are not
 * checked row by row (the seed draws every reference from the rows it refers to). Primary keys and unique
 * constraints stay. Foreign-key checks stay on if the tables have triggers of their own, which replica mode would skip.
 */
async function beginBulkLoad(db: Db): Promise<{ triggersOff: boolean }> {
  await sql`create table if not exists bench_seed_index (name text primary key, definition text not null)`.execute(db);
  await sql`insert into bench_seed_index (name, definition)
    select indexname, indexdef from pg_indexes
    where schemaname = 'public' and tablename = any(${bulkTables}::text[]) and indexname not in (select conname from pg_constraint)
    on conflict do nothing`.execute(db);
  for (const { name } of (await sql<{ name: string }>`select name from bench_seed_index order by name`.execute(db)).rows) {
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
  }
  const triggers = await sql<{ n: number }>`select count(*)::int as n from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where c.relname = any(${bulkTables}::text[]) and not t.tgisinternal`.execute(db);
  const triggersOff = triggers.rows[0]?.n === 0;
  if (triggersOff) await sql`set session_replication_role = replica`.execute(db);
  await sql`set maintenance_work_mem = '1GB'`.execute(db);
  return { triggersOff };
}

async function endBulkLoad(db: Db): Promise<number> {
  const started = performance.now();
  await sql`set session_replication_role = origin`.execute(db);
  for (const { name, definition } of (await sql<{ name: string; definition: string }>`select name, definition from bench_seed_index order by name`.execute(db)).rows) {
    log(`building index ${name}`);
    await sql.raw(definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS ')).execute(db);
  }
  await sql`drop table bench_seed_index`.execute(db);
  // What the foreign keys would have said, once for the whole table rather than row by row.
  const orphans = await sql<{ n: number }>`select count(*)::int as n from contact c where c.person_id is not null and not exists (select 1 from person p where p.id = c.person_id)`.execute(db);
  if (orphans.rows[0]?.n !== 0) throw new Error(`${orphans.rows[0]?.n} seeded contacts name a resident who is not there.`);
  return round((performance.now() - started) / 1000, 1);
}

/** The contact centre's staff: agents who sign in and took the seeded calls. Passwords are hashed as for anyone. */
async function ensureStaff(services: Services, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let index = 1; index <= count; index++) {
    const email = benchAgentEmail(index);
    const found = await services.db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirst();
    ids.push(found ? found.id : (await services.staff.addUser({ email, displayName: `Bench Agent ${index}`, password: benchPassword, role: 'agent' })).id);
  }
  return ids;
}

/** Active residents in a scrambled order: a contact's resident is drawn by rank, the first ranks far more often. */
async function rankResidents(db: Db): Promise<number> {
  await sql`create table if not exists bench_resident (rank int primary key, person_id bigint not null)`.execute(db);
  const existing = await sql<{ n: number }>`select count(*)::int as n from bench_resident`.execute(db);
  if ((existing.rows[0]?.n ?? 0) > 0) return existing.rows[0]?.n ?? 0;
  await sql`insert into bench_resident (rank, person_id)
    select row_number() over (order by md5(id::text || 'contact-centre')), id from person where status = 'active'`.execute(db);
  await sql`analyze bench_resident`.execute(db);
  const ranked = await sql<{ n: number }>`select count(*)::int as n from bench_resident`.execute(db);
  log(`ranked ${ranked.rows[0]?.n} active residents`);
  return ranked.rows[0]?.n ?? 0;
}

const summaries = [
  'Reported a missed collection; advised the crew will return.', 'Asked when the next bill is due; explained the instalments.',
  'Chasing progress on an earlier request.', 'Change of address given; account updated.', 'Asked about opening times and directions.',
  'Wanted to know how to apply; sent the link to the form.', 'Complained about the delay; apologised and passed to the team.',
  'Booked an appointment at the One Stop Shop.', 'Paid by card over the phone.', 'Reported a fault; reference given.',
];

/**
 * Contacts in chunks, each chunk one transaction with its own seed, in time order (ids rise with started_at, as
 * they do when contacts are recorded). A contact's resident is drawn by rank with rank = N·u^1.5, so the first
 * ranks are called about very often (the heaviest in the hundreds) and the last a handful of times.
 */
async function seedContacts(db: Db, total: number, agents: readonly number[]): Promise<number> {
  const residents = Number((await sql<{ n: number }>`select count(*)::int as n from bench_resident`.execute(db)).rows[0]?.n ?? 0);
  const serviceIds = (await db.selectFrom('service').select('id').where('is_active', '=', true).orderBy('id').execute()).map((row) => row.id);
  if (residents === 0 || serviceIds.length === 0) throw new Error('No residents or no services to seed contacts for.');
  const started = performance.now();
  const firstDay = new Date(historyEnd.getTime() - historyDays * 86_400_000).toISOString().slice(0, 10);
  for (let low = 1; low <= total; low += contactChunk) {
    const high = Math.min(total, low + contactChunk - 1);
    const present = await sql<{ n: number }>`select count(*)::int as n from contact where id in (${low}, ${high})`.execute(db);
    if (present.rows[0]?.n === 2) continue;
    const chunkStarted = performance.now();
    await withTransaction(db, async (tx) => {
      await sql`select setseed(${low / (total + 1)})`.execute(tx);
      await sql`create temp table seed_chunk (g bigint, rank int, channel text, started_at timestamptz, r_length float8, r_staff float8,
        r_number float8, r_outcome float8, r_avoid float8, r_summary float8, has_reason boolean, first_reason int, second_reason int) on commit drop`.execute(tx);
      await sql`insert into seed_chunk
        select g,
          case when random() < 0.85 then 1 + floor(${residents} * power(random(), 1.5))::int end,
          case when c < 0.70 then 'phone_in' when c < 0.80 then 'face_to_face' when c < 0.90 then 'web' when c < 0.95 then 'email'
            when c < 0.97 then 'phone_out' when c < 0.985 then 'letter' else 'sms' end,
          ((${firstDay}::date + ((g - 1) * ${historyDays}::bigint / ${total})::int) + time '08:00' + random() * interval '10 hours') at time zone 'Europe/London',
          random(), random(), random(), random(), random(), random(),
          g % 10 = 0 or random() < 0.92,
          1 + floor(${serviceIds.length} * power(random(), 2))::int,
          case when random() < 0.15 then 1 + floor(${serviceIds.length} * random())::int end
        from (select g, random() as c from generate_series(${low}::bigint, ${high}::bigint) g) numbers`.execute(tx);
      await sql`insert into contact (id, person_id, channel, started_at, ended_at, status, staff_user_id, recorded_by, caller_number, call_id,
          outcome, resolved_first_contact, avoidable, avoidable_reason, summary, created_at)
        select g, resident.person_id, channel, started_at,
          case when channel in ('web', 'email', 'letter', 'sms') then started_at else started_at + (60 + r_length * 900) * interval '1 second' end,
          'wrapped', staff, coalesce('user:' || staff, 'system:web-forms'),
          case when channel in ('phone_in', 'sms') then '+447700' || lpad(floor(r_number * 1000000)::text, 6, '0') end,
          case when channel = 'phone_in' then 'seed-' || g end,
          outcome, outcome in ('resolved', 'information'), r_avoid < 0.22,
          case when r_avoid < 0.10 then 'progress_chasing' when r_avoid < 0.15 then 'repeat_contact' when r_avoid < 0.18 then 'not_done_right'
            when r_avoid < 0.20 then 'unclear_information' when r_avoid < 0.22 then 'other' end,
          (${sql.val(summaries)}::text[])[1 + floor(r_summary * ${summaries.length})::int], started_at
        from (
          select seed_chunk.*,
            case when channel in ('phone_in', 'phone_out', 'face_to_face') then (${sql.val([...agents])}::int[])[1 + floor(r_staff * ${agents.length})::int] end as staff,
            case when g % 10 = 0 then 'case_raised' when r_outcome < 0.5 then 'resolved' when r_outcome < 0.72 then 'information'
              when r_outcome < 0.82 then 'referred' when r_outcome < 0.9 then 'callback' when r_outcome < 0.96 or channel <> 'phone_in' then 'no_action'
              else 'abandoned' end as outcome
          from seed_chunk
        ) contacts left join bench_resident resident on resident.rank = contacts.rank
        order by g`.execute(tx);
      await sql`insert into contact_reason (contact_id, service_id)
        select g, (${sql.val(serviceIds)}::int[])[first_reason] from seed_chunk where has_reason
        union
        select g, (${sql.val(serviceIds)}::int[])[second_reason] from seed_chunk where has_reason and second_reason is not null`.execute(tx);
    });
    const rate = Math.round((high - low + 1) / ((performance.now() - chunkStarted) / 1000));
    log(`contacts ${high.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} (${rate.toLocaleString('en-GB')} a second)`);
  }
  await sql`select setval('contact_id_seq', (select max(id) from contact))`.execute(db);
  return round((performance.now() - started) / 1000, 1);
}
