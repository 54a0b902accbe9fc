import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { parseMapping } from '../../sources/mapping.ts';
import type { ImportProgress } from '../../sources/import.service.ts';
import type { ImportRun } from '../../sources/source.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

type ImportOptions = { system?: string; file: string; mapping?: string; full?: boolean; rejects?: string; json?: boolean };

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import a CSV extract from a source system, linking its records to residents')
    .requiredOption('--file <path>', 'the CSV extract')
    .option('--system <code>', 'the source system, like council_tax (or a source_system column in the file)')
    .option('--mapping <path>', 'a JSON mapping file for an extract whose columns are not OneStop\'s canonical names')
    .option('--full', 'the extract lists everything the system holds: records missing from it are marked ended (never deleted)')
    .option('--rejects <path>', 'where to write rejected rows (default: <file>.rejects.csv beside the input)')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nCanonical columns: source_system, source_id (required), title, given_name, middle_name, family_name, full_name,\ndob, sex, address_line1, address_line2, town, postcode, uprn, address_from, address_to, phone, email, ni_number.\nExample mappings for public datasets are in mappings/.')
    .action(async (options: ImportOptions, command: Command) => {
      const mapping = options.mapping ? readMapping(options.mapping) : undefined;
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const bar = progressBar(options.json === true);
        const run = await services.imports.importFile({
          filePath: path.resolve(options.file),
          actor: { kind: 'system', name: 'cli', door: 'cli' },
          full: options.full ?? false,
          ...(options.system ? { systemCode: options.system } : {}),
          ...(mapping ? { mapping } : {}),
          ...(options.rejects ? { rejectsPath: path.resolve(options.rejects) } : {}),
        }, bar.update).finally(bar.stop);
        process.stdout.write(options.json ? `${JSON.stringify(summaryJson(run))}\n` : summaryText(run));
      });
    });
}

function readMapping(file: string) {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`Cannot read the mapping file ${file}.`, 2);
  }
  try {
    return parseMapping(JSON.parse(text));
  } catch (error) {
    throw new CliError(error instanceof SyntaxError ? `The mapping file ${file} is not valid JSON.` : (error as Error).message, 2);
  }
}

/** A progress bar on a terminal; elsewhere (a pipe, a log) nothing until the summary. */
function progressBar(quiet: boolean) {
  if (quiet || !process.stderr.isTTY) return { update: (_progress: ImportProgress) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({
    format: 'Importing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {rejected} rejected',
    stream: process.stderr,
    hideCursor: true,
  }, cliProgress.Presets.shades_classic);
  const started = Date.now();
  let begun = false;
  return {
    update: (progress: ImportProgress) => {
      const payload = { rows: progress.counts.read.toLocaleString('en-GB'), rejected: progress.counts.rejected, rate: Math.round(progress.counts.read / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-GB') };
      if (!begun) { bar.start(progress.bytesTotal, progress.bytesRead, payload); begun = true; }
      else bar.update(progress.bytesRead, payload);
    },
    stop: () => { if (begun) bar.stop(); },
  };
}

function summaryJson(run: ImportRun) {
  return { import: run.id, system: run.systemCode, status: run.status, ...run.counts, rejectsFile: run.counts.rejected > 0 ? run.rejectsPath : null };
}

function summaryText(run: ImportRun): string {
  const c = run.counts;
  const n = (value: number) => value.toLocaleString('en-GB');
  const lines = [
    `Imported ${run.fileName} into ${run.systemCode} (import ${run.id}).`,
    `  read ${n(c.read)}, new ${n(c.new)}, changed ${n(c.changed)}, unchanged ${n(c.unchanged)}, rejected ${n(c.rejected)}, ended ${n(c.ended)}`,
    `  ${n(c.personsCreated)} new residents.`,
  ];
  if (c.rejected > 0) lines.push(`  Rejected rows, with the reason for each, are in ${run.rejectsPath}`);
  return `${lines.join('\n')}\n`;
}
