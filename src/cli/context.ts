import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { createServices, type Services } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { interruptRunningRuns } from '../sources/source.repository.ts';

// What every command shares: the configuration from --data and the environment, and an opened, migrated database.

export type GlobalOptions = { data?: string };

export type Opened = { config: Config; database: Database; services: Services };

export async function openForCommand(options: GlobalOptions): Promise<Opened> {
  const config = loadConfig(process.env, options.data ? { dataDir: options.data } : {});
  const database = await openDatabase(config.database).catch((error: unknown) => {
    throw new CliError(`Cannot open the database (${config.database.kind === 'server' ? 'DATABASE_URL' : config.database.dataDir}): ${firstLine(error)}`);
  });
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw new CliError(`Cannot bring the database schema up to date: ${firstLine(error)}`);
  }
  // The embedded database belongs to this process alone (it holds the lock), so an import still marked running was
  // left by a process that died; without this, running it again would be refused until its heartbeat went stale.
  if (database.kind === 'embedded') await interruptRunningRuns(database.db);
  return { config, database, services: createServices(database, config) };
}

export async function withServices<T>(options: GlobalOptions, work: (opened: Opened) => Promise<T>): Promise<T> {
  const opened = await openForCommand(options);
  try {
    return await work(opened);
  } finally {
    await opened.database.close();
  }
}

/** An error worth one sentence to the person at the terminal, with its exit code. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

const exitCodes: Record<DomainError['code'], number> = { validation: 2, not_found: 3, conflict: 4, forbidden: 5, unauthenticated: 5 };

export function reportError(error: unknown): number {
  if (error instanceof CliError) {
    process.stderr.write(`onestop: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof DomainError) {
    process.stderr.write(`onestop: ${error.message}\n`);
    return exitCodes[error.code];
  }
  process.stderr.write(`onestop: ${firstLine(error)}\n`);
  if (process.env.ONESTOP_DEBUG) console.error(error);
  return 1;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
