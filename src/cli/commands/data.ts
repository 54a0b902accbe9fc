import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { loadConfig } from '../../config.ts';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { govDate } from '../../web/render.ts';
import { linkFile } from '../../matching/link-file.ts';
import { CliError, firstLine, withServices, type GlobalOptions } from '../context.ts';

/** The command line acts as the council itself: whoever can run it holds the database. */
const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

export function registerDataCommands(program: Command): void {
  program
    .command('migrate')
    .description('bring the database schema up to date (other commands do this too)')
    .action(async (_options: object, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const config = loadConfig(process.env, global.data ? { dataDir: global.data } : {});
      const database = await openDatabase(config.database).catch((error: unknown) => { throw new CliError(`Cannot open the database: ${firstLine(error)}`); });
      try {
        const applied = await migrate(database);
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
        const outcome = await services.people.search(cliActor, { q, ...(options.postcode ? { postcode: options.postcode } : {}), ...(options.dob ? { dob: options.dob } : {}) }, limit);
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
    .description('link a file of source-extract rows into persons, with no database (--input/--output); without --input, link any records in the database not yet tied to a person')
    .option('--input <file>', 'a CSV of canonical source-extract rows (the import columns), or any extract with --mapping')
    .option('--output <file>', 'where to write source_system,source_id,person_id for every input row')
    .option('--explain <file>', 'also write the scored pairs, with each field\'s level and weight')
    .option('--mapping <file>', 'a mapping file for an extract whose columns are not the canonical ones')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { input?: string; output?: string; explain?: string; mapping?: string; json?: boolean }, command: Command) => {
      if (options.input !== undefined || options.output !== undefined) {
        if (!options.input || !options.output) throw new CliError('Give both --input and --output to link a file.', 2);
        const counts = await linkFile({
          input: options.input, output: options.output,
          ...(options.explain ? { explain: options.explain } : {}), ...(options.mapping ? { mapping: options.mapping } : {}),
          onProgress: stageReporter(options.json === true),
        }).catch((error: unknown) => { throw new CliError(firstLine(error), 2); });
        process.stdout.write(options.json ? `${JSON.stringify(counts)}\n`
          : `Linked ${counts.rows.toLocaleString('en-GB')} rows into ${counts.persons.toLocaleString('en-GB')} persons (${counts.automaticLinks.toLocaleString('en-GB')} automatic links, ${counts.reviewPairs.toLocaleString('en-GB')} pairs for review). ${counts.skippedWithoutSourceId} rows had no source_id; ${counts.unreadableValues} values could not be read and were taken as empty. Written to ${options.output}.\n`);
        return;
      }
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.linking.linkUnlinked(services.db, 'cli:link');
        process.stdout.write(options.json ? `${JSON.stringify(outcome)}\n` : `Linked ${outcome.linked} records; ${outcome.personsCreated} new residents.\n`);
      });
    });
}

/** One line per stage on a terminal's standard error, so a long link shows it is moving. */
export function stageReporter(quiet: boolean): (stage: string, done: number, total: number) => void {
  let last = '';
  return (stage, done, total) => {
    if (quiet || !process.stderr.isTTY) return;
    const line = `${stage}: ${total > 0 ? Math.floor((done / total) * 100) : 0}%`;
    if (line === last) return;
    last = line;
    process.stderr.write(`\r${line.padEnd(40)}${done >= total ? '\n' : ''}`);
  };
}
