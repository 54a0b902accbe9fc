import type { Command } from 'commander';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { govDate } from '../../web/render.ts';
import { CliError, firstLine, withServices, type GlobalOptions } from '../context.ts';

export function registerDataCommands(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (other commands do this too)')
    .action(async (_options: object, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const config = loadConfig(process.env, global.data ? { dataDir: global.data } : {});
      const database = await openDatabase(config.database).catch((error: unknown) => { throw new CliError(`Cannot open the database: ${firstLine(error)}`); });
      try {
        const applied = await migrate(database.db);
        process.stdout.write(applied.length === 0 ? 'The database schema is up to date.\n' : `Applied ${applied.map((m) => m.name).join(', ')}.\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('stats')
    .description('count persons, source records and links')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const stats = await services.people.stats();
        process.stdout.write(options.json ? `${JSON.stringify(stats)}\n`
          : `${stats.persons} persons, ${stats.sourceRecords} source records, ${stats.links} links, ${stats.systems} source systems, ${stats.properties} properties.\n`);
      });
    });

  program
    .command('search')
    .description('find residents by name (typos allowed), postcode, date of birth, phone, email, NI number, UPRN or reference')
    .argument('[query...]', 'what to search for, e.g. "jon smyth L1 8JQ"')
    .option('--postcode <postcode>', 'only residents at this postcode')
    .option('--dob <date>', 'only residents born on this day')
    .option('--limit <n>', 'how many results', '10')
    .option('--json', 'print JSON')
    .action(async (words: string[], options: { postcode?: string; dob?: string; limit: string; json?: boolean }, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new CliError('--limit must be a whole number from 1 to 100.', 2);
      const q = words.join(' ');
      if (!q && !options.postcode && !options.dob) throw new CliError('Say what to search for, for example: onestop search "jon smyth".', 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.people.search({ q, ...(options.postcode ? { postcode: options.postcode } : {}), ...(options.dob ? { dob: options.dob } : {}) }, limit);
        if (options.json) { process.stdout.write(`${JSON.stringify(outcome.hits)}\n`); return; }
        for (const note of outcome.query.notes) process.stderr.write(`${note}\n`);
        if (outcome.hits.length === 0) { process.stdout.write('No residents found.\n'); return; }
        if (outcome.widened) process.stdout.write('No one of that name at the postcode or date of birth given; matches anywhere:\n');
        for (const hit of outcome.hits) {
          const address = [hit.addressLine1, hit.town, hit.postcode].filter(Boolean).join(', ');
          process.stdout.write(`${hit.reference}  ${hit.fullName ?? '(no name)'}  ${hit.dob ? `born ${govDate(hit.dob)}` : 'date of birth not known'}  ${address}  [${hit.matchedOn.join(', ')}]\n`);
        }
      });
    });

  program
    .command('link')
    .description('link any source records that are not yet tied to a person')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.linking.linkUnlinked(services.db, 'cli:link');
        process.stdout.write(options.json ? `${JSON.stringify(outcome)}\n` : `Linked ${outcome.linked} records; ${outcome.personsCreated} new residents.\n`);
      });
    });
}
