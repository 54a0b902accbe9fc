import fs from 'node:fs';
import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { describeSla } from '../../catalogue/sla.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

// The service catalogue from the command line: list it, show one service with its form, import a catalogue file
// (JSON: { "services": [...] }, each as in src/catalogue/service.ts), and load the starter catalogue.
export function registerCatalogueCommands(program: Command): void {
  const service = program.command('service').description('the service catalogue: services, their teams, SLAs and forms');
  service
    .command('list')
    .description('list the services in the catalogue')
    .option('--all', 'include services not offered')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const list = await services.catalogue.list(cliActor, { includeInactive: options.all === true });
        if (options.json) return void process.stdout.write(`${JSON.stringify(list.map(({ id: _id, ...rest }) => rest), null, 2)}\n`);
        if (list.length === 0) return void process.stdout.write('No services yet: load the starter catalogue with `onestop service load-starter`.\n');
        const rows = list.map((entry) => [entry.code, entry.lgsl === null ? '-' : String(entry.lgsl), entry.name, entry.teamCode ?? '-', describeSla(entry.sla), entry.isActive ? '' : 'not offered']);
        const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => (row[column] ?? '').length), ['code', 'lgsl', 'name', 'team'][column]?.length ?? 0));
        const line = (row: string[]) => row.map((cell, column) => (column < 4 ? cell.padEnd(widths[column] ?? 0) : cell)).join('  ').trimEnd();
        process.stdout.write(`${line(['code', 'lgsl', 'name', 'team', 'sla', ''])}\n${rows.map(line).join('\n')}\n`);
      });
    });
  service
    .command('show')
    .description('show one service: team, SLA, guidance, routing and its form definition, as JSON')
    .argument('<code>', 'the service\'s code (missed-bin) or LGSL number (524)')
    .action(async (code: string, _options: unknown, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const found = await services.catalogue.get(cliActor, code);
        const shown = { code: found.code, lgsl: found.lgsl, name: found.name, team: found.teamCode, sla: found.sla, guidance: found.guidance, form: found.form, routing: found.routing, active: found.isActive };
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
      });
    });
  service
    .command('import')
    .description('add or replace services from a JSON catalogue file ({ "services": [...] }): every service is checked before any is written')
    .argument('<file>', 'the catalogue file')
    .option('--only-new', 'add services whose codes are not in the catalogue, and leave existing ones as they are')
    .action(async (file: string, options: { onlyNew?: boolean }, command: Command) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (error) {
        throw new CliError(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`, 2);
      }
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.catalogue.importCatalogue(cliActor, parsed, { onlyNew: options.onlyNew === true });
        if (!outcome.ok) throw new CliError(`Nothing was imported: ${outcome.problems.join('; ')}`, 2);
        process.stdout.write(`Imported: ${outcome.added} added, ${outcome.changed} changed.\n`);
      });
    });
  service
    .command('load-starter')
    .description('add the starter catalogue\'s services (and their teams) that are missing; changes none already there')
    .action(async (_options: unknown, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.catalogue.loadStarter(cliActor);
        if (!outcome.ok) throw new CliError(`The starter catalogue was not loaded: ${outcome.problems.join('; ')}`);
        process.stdout.write(`Starter catalogue: ${outcome.added} services added.\n`);
      });
    });
}
