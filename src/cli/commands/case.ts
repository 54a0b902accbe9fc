import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { caseStatusLabels } from '../../cases/case.ts';
import { urgencyOf } from '../../cases/case-workflow.ts';
import { withServices, type GlobalOptions } from '../context.ts';

const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

// Cases from the command line: a team's queue or the overdue ones, soonest due first, and one case in full as JSON.
export function registerCaseCommands(program: Command): void {
  const command = program.command('case').description('cases (service requests): queues and their history');
  command
    .command('list')
    .description('list unfinished cases, soonest due first')
    .option('--team <code>', 'only this team\'s cases, like street_scene')
    .option('--overdue', 'only cases past their due time')
    .option('--limit <n>', 'at most this many (default 50)', '50')
    .option('--json', 'print JSON')
    .action(async (options: { team?: string; overdue?: boolean; limit: string; json?: boolean }, cmd: Command) => {
      await withServices(cmd.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const pageSize = Math.min(200, Math.max(1, Number.parseInt(options.limit, 10) || 50));
        const found = await services.cases.list(cliActor, { ...(options.team ? { team: options.team } : {}), ...(options.overdue ? { due: 'overdue' as const } : {}), pageSize });
        if (options.json) return void process.stdout.write(`${JSON.stringify({ total: found.total, cases: found.cases }, null, 2)}\n`);
        if (found.total === 0) return void process.stdout.write('No cases match.\n');
        const now = services.clock.now();
        const rows = found.cases.map((item) => [item.reference, item.service.code, item.team?.code ?? '-', caseStatusLabels[item.status], item.dueAt.toISOString().slice(0, 16).replace('T', ' '), urgencyOf(item, now).replace('_', ' ').replace('on time', '').replace('finished', '')]);
        const header = ['reference', 'service', 'team', 'status', 'due (UTC)', ''];
        const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
        const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
        process.stdout.write(`${line(header)}\n${rows.map(line).join('\n')}\n${found.total > found.cases.length ? `(${found.cases.length} of ${found.total})\n` : ''}`);
      });
    });
  command
    .command('show')
    .description('show one case with its answers, history and files, as JSON')
    .argument('<reference>', 'the case reference, like SR-4KD7-9QX2')
    .action(async (reference: string, _options: unknown, cmd: Command) => {
      await withServices(cmd.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const found = await services.cases.get(cliActor, reference);
        process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
      });
    });
}
