import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { roles, type Actor, type Role } from '../../src/access/staff.ts';
import { openTestDatabase } from '../../src/db/test-database.ts';
import type { Database } from '../../src/db/connection.ts';
import { createServices, type Services } from '../../src/deps.ts';
import { tempDir, testActor, writeFile } from '../../src/test-support.ts';
import { buildApp } from '../../src/web/app.ts';

// One OneStop for a security test file: a database of its own, the real app (driven with inject, or listening for
// a browser), a member of staff in each role (none in a team), and a member of each of two restricted teams, each
// signed in with a session cookie, a CSRF token and an API token with every scope.

export type Member = { key: string; role: Role; email: string; team: string | undefined; userId: number; actor: Actor; cookie: string; csrf: string; token: string };

export type SecurityApp = {
  app: FastifyInstance;
  services: Services;
  database: Database;
  dataDir: string;
  /** One member of staff per role, in no team. */
  members: Member[];
  /** Service-team members of the adult social care and children's services teams. */
  carer: Member;
  childWorker: Member;
  member(key: string): Member;
  /** A request as a member: session cookie for pages, bearer token for /api/. */
  call(member: Member | undefined, method: string, url: string, body?: Record<string, unknown> | string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A fresh session for a member (for signing out without losing the shared one). */
  freshCookie(member: Member): Promise<string>;
  close(): Promise<void>;
};

export const password = 'a-long-password-for-tests';
export const csv = (lines: string[]) => `${lines.join('\n')}\n`;

export async function importCsv(services: Services, systemCode: string, lines: string[], fileName = `${systemCode}.csv`) {
  return services.imports.importFile({ systemCode, actor: testActor, fileName, filePath: writeFile(tempDir(), fileName, csv(lines)) });
}

export async function startSecurityApp(prepare?: (services: Services) => Promise<void>): Promise<SecurityApp> {
  const database = await openTestDatabase();
  const services = createServices(database, { sessionHours: 8 });
  const dataDir = tempDir('onestop-security-');
  await services.teams.saveTeam(testActor, { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Duty team, 0151 496 0999' });
  await services.teams.saveTeam(testActor, { code: 'childrens_services', name: 'Children’s Services', contact: 'Front door, 0151 496 0888' });
  await services.systems.configure(testActor, { code: 'adult_social_care', name: 'Adult Social Care', restricted: true, teamCode: 'adult_social_care' });
  await services.systems.configure(testActor, { code: 'childrens_services', name: 'Children’s Services', restricted: true, teamCode: 'childrens_services' });
  const people: Array<{ key: string; role: Role; team?: string }> = [
    ...roles.map((role) => ({ key: role, role })),
    { key: 'carer', role: 'service_team', team: 'adult_social_care' },
    { key: 'child_worker', role: 'service_team', team: 'childrens_services' },
  ];
  for (const person of people) {
    await services.staff.addUser({ email: `${person.key.replace('_', '.')}@test.gov.uk`, displayName: person.key, password, role: person.role });
    if (person.team) await services.teams.join(testActor, `${person.key.replace('_', '.')}@test.gov.uk`, person.team);
  }
  await prepare?.(services);
  const app = await buildApp({ services, config: { cookieSecure: false, councilName: 'Test Borough Council', dataDir, auth: { apiCallsPerMinute: 1_000_000 } } });
  await app.ready();

  const freshCookie = async (member: Pick<Member, 'userId'>) => `onestop_session=${(await services.staff.startSession(member.userId)).token}`;
  const members: Member[] = [];
  for (const person of people) {
    const email = `${person.key.replace('_', '.')}@test.gov.uk`;
    const user = await services.staff.findUserByEmail(email);
    assert.ok(user, email);
    const session = `onestop_session=${(await services.staff.startSession(user.id)).token}`;
    const actor = (await services.staff.continueSession(session.slice('onestop_session='.length)))?.actor;
    assert.ok(actor);
    // A page gives the CSRF secret (a cookie) and a token for it (in each form).
    const page = await app.inject({ method: 'GET', url: '/people', headers: { cookie: session } });
    const secret = [page.headers['set-cookie'] ?? []].flat().map((value) => /^_csrf=([^;]+)/.exec(value)?.[1]).find(Boolean);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(secret && csrf, `no CSRF token for ${email}`);
    const token = await services.staff.createApiToken(email, 'security tests');
    members.push({ key: person.key, role: person.role, email, team: person.team, userId: user.id, actor, cookie: `${session}; _csrf=${secret}`, csrf, token });
  }
  const member = (key: string) => {
    const found = members.find((candidate) => candidate.key === key);
    assert.ok(found, key);
    return found;
  };
  const call: SecurityApp['call'] = (who, method, url, body, headers = {}) => {
    const api = url.startsWith('/api/');
    const auth: Record<string, string> = who ? (api ? { authorization: `Bearer ${who.token}` } : { cookie: who.cookie }) : {};
    const payload = typeof body === 'string' ? body : body && !api ? new URLSearchParams(flatten({ _csrf: who?.csrf ?? '', ...body })).toString() : body ? JSON.stringify(body) : undefined;
    const type = typeof body === 'string' ? {} : body ? { 'content-type': api ? 'application/json' : 'application/x-www-form-urlencoded' } : {};
    return app.inject({ method: method as 'GET', url, headers: { ...auth, ...type, ...headers }, ...(payload === undefined ? {} : { payload }) });
  };
  return {
    app, services, database, dataDir, members: members.filter((candidate) => candidate.team === undefined),
    carer: member('carer'), childWorker: member('child_worker'), member, call, freshCookie,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

function flatten(body: Record<string, unknown>): Array<[string, string]> {
  return Object.entries(body).flatMap(([key, value]) => [value].flat().map((item) => [key, String(item)] as [string, string]));
}

// Tables a request may touch without changing anyone's data: its own session, rate and sign-in counters (and,
// in snapshot, when an account last signed in or a token was last used).
const bookkeeping = new Set(['staff_session', 'rate_limit_window', 'sign_in_failure', 'sign_in_challenge', 'onestop_migration']);

/** Every row of every data table, read as the schema's owner (beneath row-level security), as comparable text. */
export async function snapshot(database: Database): Promise<Record<string, string[]>> {
  return database.asOwner(async (owner) => {
    const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() order by tablename`.execute(owner);
    const result: Record<string, string[]> = {};
    for (const { tablename } of tables.rows) {
      if (bookkeeping.has(tablename)) continue;
      const rows = await sql<{ row: string }>`select (to_jsonb(t) - ${sql.lit('last_signed_in_at')} - ${sql.lit('last_used_at')})::text as row from ${sql.table(tablename)} t`.execute(owner);
      result[tablename] = rows.rows.map((row) => row.row).sort();
    }
    return result;
  });
}

/**
 * A digest of every data table, in one query: what snapshot reads, hashed in the database, for checking often that
 * nothing changed (the rows themselves are only worth reading when something did).
 */
export async function digest(database: Database): Promise<Record<string, string>> {
  return database.asOwner(async (owner) => {
    const tables = (await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = current_schema() order by tablename`.execute(owner)).rows
      .map((row) => row.tablename).filter((table) => !bookkeeping.has(table));
    const parts = tables.map((table) => sql`select ${table} as name, md5(coalesce(string_agg(x, '|' order by x), '')) as digest
      from (select (to_jsonb(t) - ${sql.lit('last_signed_in_at')} - ${sql.lit('last_used_at')})::text as x from ${sql.table(table)} t) rows`);
    const result = await sql<{ name: string; digest: string }>`${sql.join(parts, sql` union all `)}`.execute(owner);
    return Object.fromEntries(result.rows.map((row) => [row.name, row.digest]));
  });
}

/** The tables whose digests differ. */
export function changedDigests(before: Record<string, string>, after: Record<string, string>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table] !== after[table]);
}

/** The tables whose rows differ between two snapshots, with the rows that appeared or went. */
export function changedTables(before: Record<string, string[]>, after: Record<string, string[]>, ignore: readonly string[] = []): string[] {
  const changes: string[] = [];
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (ignore.includes(table)) continue;
    const was = new Set(before[table] ?? []);
    const now = new Set(after[table] ?? []);
    const gone = [...was].filter((row) => !now.has(row));
    const added = [...now].filter((row) => !was.has(row));
    if (gone.length > 0 || added.length > 0) changes.push(`${table}: -${gone.slice(0, 2).join(' | ')} +${added.slice(0, 2).join(' | ')}`);
  }
  return changes;
}

/** The resident a source record is linked to now, and the record's id, read beneath row-level security. */
export async function recordOf(database: Database, sourceId: string): Promise<{ recordId: number; personId: number; reference: string }> {
  return database.asOwner(async (owner) => {
    const row = await sql<{ recordId: number; personId: number; reference: string }>`
      select r.id as "recordId", p.id as "personId", p.reference from source_record r
      join person_link l on l.source_record_id = r.id and l.unlinked_at is null join person p on p.id = l.person_id
      where r.source_id = ${sourceId}`.execute(owner);
    const found = row.rows[0];
    assert.ok(found, `no record ${sourceId}`);
    return { recordId: Number(found.recordId), personId: Number(found.personId), reference: found.reference };
  });
}
