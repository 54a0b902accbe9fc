import type { Command } from 'commander';
import { withServices, type GlobalOptions } from '../context.ts';
import { stageReporter } from './data.ts';

export function registerRelinkCommand(program: Command): void {
  program
    .command('relink')
    .description('re-link every source record in the database with the probabilistic engine: learn a model from the council\'s own records, cluster them, move records with stable references, queue unsure pairs for review')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const summary = await services.relink.relink({ kind: 'system', name: 'cli', door: 'cli' }, stageReporter(options.json === true));
        process.stdout.write(options.json ? `${JSON.stringify(summary)}\n`
          : `Relinked ${summary.records.toLocaleString('en-GB')} records into ${summary.clusters.toLocaleString('en-GB')} persons with model version ${summary.modelVersion}: ${summary.movedRecords.toLocaleString('en-GB')} records moved in ${summary.changes} changes, ${summary.reviewsQueued.toLocaleString('en-GB')} pairs queued for review.\n`);
      });
    });
}
