import path from 'node:path';
import type { Command } from 'commander';
import { loadDemoCouncil, readDemoSetting } from '../../demo/load.ts';
import { startServer, stopOnSignals } from '../../server.ts';
import { CliError, openForCommand, type GlobalOptions, type Opened } from '../context.ts';

const defaultResidents = 5_000;

export function registerServeCommands(program: Command): void {
  program
    .command('serve')
    .description('serve the staff pages and the API (PORT, default 3000)')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }, command: Command) => {
      const opened = await openForCommand(command.optsWithGlobals<GlobalOptions>());
      await serve(opened, options.port);
    });

  program
    .command('start')
    .description('what `npm start` runs: prepares the database, loads the demo council on first run of the embedded database, then serves')
    .option('--port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }, command: Command) => {
      const opened = await openForCommand(command.optsWithGlobals<GlobalOptions>());
      const wanted = opened.config.demo === 'on' || (opened.config.demo === 'auto' && opened.config.database.kind === 'embedded');
      const stats = await opened.services.people.stats();
      if (wanted && stats.sourceRecords === 0 && !(await readDemoSetting(opened.services))) {
        process.stdout.write('First run: loading a made-up demonstration council (this takes a minute).\n');
        await loadDemoCouncil(opened.services, { dir: path.join(opened.config.dataDir, 'demo'), residents: defaultResidents, seed: 2002 }, (step) => process.stdout.write(`  ${step}\n`));
      }
      await serve(opened, options.port);
    });

  program
    .command('demo')
    .description('load a made-up demonstration council: extracts from eight systems, imported and linked, and demo sign-ins')
    .option('--residents <n>', 'how many residents', String(defaultResidents))
    .option('--seed <n>', 'random seed: the same seed gives the same council', '2002')
    .action(async (options: { residents: string; seed: string }, command: Command) => {
      const residents = Number(options.residents);
      const seed = Number(options.seed);
      if (!Number.isInteger(residents) || residents < 10 || residents > 2_000_000) throw new CliError('--residents must be a whole number from 10 to 2,000,000.', 2);
      if (!Number.isInteger(seed)) throw new CliError('--seed must be a whole number.', 2);
      const opened = await openForCommand(command.optsWithGlobals<GlobalOptions>());
      try {
        await loadDemoCouncil(opened.services, { dir: path.join(opened.config.dataDir, 'demo'), residents, seed }, (step) => process.stdout.write(`${step}\n`));
        const stats = await opened.services.people.stats();
        process.stdout.write(`Demo council loaded: ${stats.persons} residents from ${stats.sourceRecords} source records.\n`);
      } finally {
        await opened.database.close();
      }
    });
}

async function serve(opened: Opened, port: string | undefined): Promise<void> {
  if (port !== undefined) {
    const parsed = Number(port);
    if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) throw new CliError('--port must be a number from 0 to 65535.', 2);
    opened.config.port = parsed;
  }
  // First run: the starter service catalogue, for administrators to make the council's own (adds nothing after).
  const starter = await opened.services.catalogue.ensureStarter({ kind: 'system', name: 'catalogue', door: 'cli' });
  if (starter?.ok) process.stdout.write(`Loaded the starter service catalogue: ${starter.added} services (onestop service list).\n`);
  const demo = await readDemoSetting(opened.services);
  const showDemo = demo && (opened.config.database.kind === 'embedded' || opened.config.demo === 'on');
  const users = await opened.services.staff.countUsers();
  const server = await startServer(opened.services, opened.config, {
    demoAccounts: showDemo ? demo.accounts : [],
    onListening: (url) => {
      process.stdout.write(`OneStop is running at ${url} (${opened.database.describe}).\n`);
      if (showDemo) process.stdout.write(`Sign in with ${demo.accounts.map((account) => `${account.email} / ${account.password}`).join(' or ')}.\n`);
      else if (users === 0) process.stdout.write('No staff accounts yet: create one with `npx onestop user add --email you@council.gov.uk --name "Your Name"`.\n');
    },
  });
  stopOnSignals(server.stop);
}
