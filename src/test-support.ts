import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database } from './db/connection.ts';
import { openTestDatabase, resetDatabase } from './db/test-database.ts';
import { createServices, type Services } from './deps.ts';
import { fixedClock } from './clock.ts';
import type { Role, SystemActor } from './access/staff.ts';

// Shared set-up for tests that touch the database: one real database per test process, emptied between tests.

let shared: Promise<Database> | undefined;

export function testDatabase(): Promise<Database> {
  shared ??= openTestDatabase();
  return shared;
}

export async function closeTestDatabase(): Promise<void> {
  if (shared) await (await shared).close();
  shared = undefined;
}

export async function freshServices(now = '2026-11-25T09:00:00Z'): Promise<Services & { clock: ReturnType<typeof fixedClock> }> {
  const database = await testDatabase();
  await resetDatabase(database);
  const clock = fixedClock(now);
  return { ...createServices(database, { sessionHours: 8 }, clock), clock };
}

export const testActor: SystemActor = { kind: 'system', name: 'test', door: 'cli' };

export function tempDir(prefix = 'onestop-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** A member of staff for each [email, role], named after their email, all with one password. */
export async function addStaff(services: Services, people: ReadonlyArray<readonly [string, Role]>, password = 'a long enough password'): Promise<void> {
  for (const [email, role] of people) await services.staff.addUser({ email, displayName: email.split('@')[0] ?? email, password, role });
}
