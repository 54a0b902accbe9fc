import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createServices } from '../src/deps.ts';
import { openBenchDatabase, seeded, serverUrl } from './bench-support.ts';
import { createClient, signIn, startBenchServer } from './bench-server.ts';
import { pause, servedSince, summary, twoCasesJson, type Resident } from './contact-centre-calls.ts';
import { runAgents } from './contact-centre-load.ts';
import { benchAgentEmail, benchPassword, seedContactCentre } from './contact-centre-seed.ts';

// npm run bench:contact-centre: the contact centre at a council's scale, on the PostgreSQL server, in the council
// `bench:search` built (same BENCH_RESIDENTS). Seeds its history once (BENCH_CONTACTS contacts, BENCH_CASES cases),
// starts the real server, then times (page) the resident page with its timeline, (save) saving a contact that
// raises two cases, and (load) BENCH_AGENTS agents taking calls at BENCH_CALLS_PER_HOUR. BENCH_STEPS picks steps.
const residents = Number(process.env.BENCH_RESIDENTS ?? 1_000_000);
const size = { contacts: Number(process.env.BENCH_CONTACTS ?? 10_000_000), cases: Number(process.env.BENCH_CASES ?? 1_000_000), staff: Number(process.env.BENCH_AGENTS ?? 150) };
const steps = new Set((process.env.BENCH_STEPS ?? 'seed,page,save,load').split(','));
const pageRequests = Number(process.env.BENCH_PAGE_REQUESTS ?? 1_000);
const saves = Number(process.env.BENCH_SAVES ?? 1_000);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 180);
const callsPerHour = Number(process.env.BENCH_CALLS_PER_HOUR ?? 12_000);
const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);

const name = `onestop_bench_search_${residents}`;
const database = await openBenchDatabase(name, { fresh: false });
const services = createServices(database, { sessionHours: 8 });
const persons = Number((await sql<{ n: number }>`select count(*)::int as n from person where status = 'active'`.execute(database.db)).rows[0]?.n ?? 0);
if (persons === 0) throw new Error(`${name} has no residents: build it first with BENCH_RESIDENTS=${residents} npm run bench:search.`);
const result: Record<string, unknown> = { benchmark: 'contact centre', residents, persons, database: 'PostgreSQL server' };

result.seed = await seedContactCentre(database, services, size);
result.tables = await tableSizes();
const target = new URL(serverUrl);
target.pathname = `/${name}`;
// The API's per-token limit (600 a minute) is for real clients; the benchmark's one token saves a contact every few ms.
const server = await startBenchServer(target.toString(), { ONESTOP_API_CALLS_PER_MINUTE: '1000000' });
try {
  if (steps.has('page')) result.page = await residentPages();
  const token = steps.has('save') || steps.has('load') ? await switchToken() : '';
  if (steps.has('save')) result.save = await saveContacts(token);
  if (steps.has('load')) {
    const residentsForCalls = await pickResidents(Math.ceil((loadSeconds * callsPerHour) / 3600) + size.staff, 7007);
    log(`${size.staff} agents taking ${callsPerHour} calls an hour for ${loadSeconds} s`);
    const before = await databaseActivity();
    result.load = await runAgents(server, { agents: size.staff, callsPerHour, seconds: loadSeconds, telephonyToken: token, residents: residentsForCalls, serverPid: server.pid });
    const after = await databaseActivity();
    result.load = { ...result.load as object, database: Object.fromEntries(Object.entries(after).map(([key, value]) => [key, key === 'connections' ? value : value - (before[key] ?? 0)])) };
  }
} finally {
  await server.stop();
  result.serverErrors = server.errors.slice(0, 5);
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await database.close();

/**
 * The resident page (overview, with the latest contacts) and its contacts tab (the timeline) for pageRequests
 * residents, one after another as one agent would, after 30 others to warm up: the heaviest 20 callers and residents
 * drawn as contacts were (a resident who calls often is looked up often).
 */
async function residentPages() {
  const agent = await signIn(server.url, benchAgentEmail(1), benchPassword);
  for (const warm of await pickResidents(30, 3003)) await agent.request('GET', `/people/${warm.reference}/contacts`);
  const picks = await pickResidents(pageRequests, 5005);
  log(`opening ${picks.length} residents' pages`);
  const client: Record<'overview' | 'timeline', number[]> = { overview: [], timeline: [] };
  const from = performance.now();
  for (const pick of picks) {
    for (const [tab, url] of [['overview', `/people/${pick.reference}`], ['timeline', `/people/${pick.reference}/contacts`]] as const) {
      const page = await agent.request('GET', url);
      if (page.status !== 200) throw new Error(`GET ${url} answered ${page.status}.`);
      client[tab].push(page.ms);
    }
  }
  await pause(500); // the server's log of the last requests is on its way
  const overview = servedSince(server.served, from, 'GET', /^\/people\/[0-9A-Z]{4}-[0-9A-Z]{4}$/).map((request) => request.ms);
  const timeline = servedSince(server.served, from, 'GET', /^\/people\/[0-9A-Z]{4}-[0-9A-Z]{4}\/contacts$/).map((request) => request.ms);
  const heaviest = picks.slice(0, 20).map((_, index) => index);
  return {
    residents: picks.length, contactsPerResident: summary(picks.map((pick) => pick.contacts), 0),
    serverMs: { overview: summary(overview), timeline: summary(timeline) }, clientMs: { overview: summary(client.overview), timeline: summary(client.timeline) },
    heaviest20: {
      contacts: summary(heaviest.map((index) => picks[index]?.contacts ?? 0), 0),
      serverMs: { overview: summary(heaviest.map((index) => overview[index] ?? Number.NaN)), timeline: summary(heaviest.map((index) => timeline[index] ?? Number.NaN)) },
    },
  };
}

/** saves contacts through POST /api/v1/contacts, one after another, each a phone call about a resident raising two cases. */
async function saveContacts(token: string) {
  const client = createClient(server.url);
  const residentsToSave = await pickResidents(saves + 20, 9009);
  log(`saving ${saves} contacts with two cases each`);
  const times: number[] = [];
  const from = performance.now();
  for (const [index, resident] of residentsToSave.entries()) {
    const reply = await client.request('POST', '/api/v1/contacts', {
      token,
      json: { channel: 'phone_in', person: resident.reference, callerNumber: resident.phone, cases: twoCasesJson(resident, index), resolvedFirstContact: false, avoidable: false, summary: 'Missed bin; moving within the borough.' },
    });
    if (reply.status !== 201) throw new Error(`POST /api/v1/contacts answered ${reply.status}: ${reply.body.slice(0, 500)}`);
    if (index >= 20) times.push(reply.ms); // the first few warm the caches
  }
  await pause(500);
  const served = servedSince(server.served, from, 'POST', /^\/api\/v1\/contacts$/).slice(20).map((request) => request.ms);
  return { contacts: times.length, casesRaised: times.length * 2, serverMs: summary(served), clientMs: summary(times) };
}

/** The telephony switch's token (calls and contacts), for a staff account of its own. */
async function switchToken(): Promise<string> {
  const email = 'bench.switch@council.gov.uk';
  if (!(await services.db.selectFrom('staff_user').select('id').where('email', '=', email).executeTakeFirst())) {
    await services.staff.addUser({ email, displayName: 'Telephony switch', password: benchPassword, role: 'agent' });
  }
  return services.staff.createApiToken(email, 'bench telephony', ['calls:write', 'contacts:write']);
}

/** Residents as the contact seeding drew them (rank = N·u^1.5), the heaviest 20 first, with their contacts and phone. */
async function pickResidents(count: number, seed: number): Promise<Resident[]> {
  const next = seeded(seed);
  const ranked = Number((await database.asOwner((db) => sql<{ n: number }>`select count(*)::int as n from bench_resident`.execute(db))).rows[0]?.n ?? 0);
  const ranks = [...Array.from({ length: Math.min(20, count) }, (_, index) => index + 1), ...Array.from({ length: Math.max(0, count - 20) }, () => 1 + Math.floor(ranked * next() ** 1.5))];
  const found = await database.asOwner((db) => sql<{ rank: number; reference: string; person_id: string; contacts: number; phone: string | null; address_line1: string | null; postcode: string | null }>`
    select br.rank, p.reference, p.id::text as person_id, p.phone, p.address_line1, p.postcode,
      (select count(*)::int from contact c where c.person_id = p.id) as contacts
    from bench_resident br join person p on p.id = br.person_id where br.rank = any(${ranks}::int[]) and p.status = 'active'`.execute(db));
  const byRank = new Map(found.rows.map((row) => [row.rank, row]));
  return ranks.flatMap((rank) => {
    const row = byRank.get(rank);
    return row ? [{ rank, reference: row.reference, personId: Number(row.person_id), contacts: row.contacts, phone: row.phone, line1: row.address_line1, postcode: row.postcode }] : [];
  });
}

async function tableSizes() {
  const rows = await sql<{ name: string; rows: string; size: string }>`
    select c.relname as name, c.reltuples::bigint::text as rows, pg_size_pretty(pg_total_relation_size(c.oid)) as size
    from pg_class c where c.relname in ('person', 'contact', 'contact_reason', 'service_case', 'case_event') and c.relkind = 'r' order by c.relname`.execute(database.db);
  return Object.fromEntries(rows.rows.map((row) => [row.name, { rows: Number(row.rows), size: row.size }]));
}

/** The benchmark database's own counters: buffer hits against reads from disk, commits, rollbacks, deadlocks. */
async function databaseActivity() {
  const row = await database.asOwner((db) => sql<Record<string, number>>`
    select xact_commit::float8 as commits, xact_rollback::float8 as rollbacks, blks_read::float8 as blocks_read, blks_hit::float8 as blocks_hit,
      deadlocks::float8 as deadlocks, temp_bytes::float8 as temp_bytes, (select count(*)::float8 from pg_stat_activity where datname = current_database()) as connections
    from pg_stat_database where datname = current_database()`.execute(db));
  return row.rows[0] ?? {};
}
