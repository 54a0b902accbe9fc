import fs from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import type { SystemActor } from '../../access/staff.ts';
import { channels, correctableFieldNames, preferenceSources, purposes, retentionBases, type RetentionSummary } from '../../privacy/privacy.ts';
import { bundleDocument } from '../../web/privacy/bundle.view.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

/** The command line acts as the council itself: whoever can run it holds the database. Each action is audited as it. */
const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

const exportOptions = z.object({
  person: z.string().trim().min(1, 'Give --person REFERENCE.'),
  format: z.enum(['json', 'html'], 'The format is json or html.').default('json'),
  output: z.string().optional(),
});

// UK GDPR rights from the terminal: subject access, rectification, legal holds, erasure, retention and preferences.
export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description('UK GDPR rights: subject access, corrections, legal holds, erasure, retention and contact preferences');

  privacy.command('export')
    .description('produce a resident\'s subject access bundle (Article 15): every record, its history, and who has looked at it')
    .requiredOption('--person <reference>', 'the resident\'s OneStop reference, like K7M3-9QD2')
    .option('--format <format>', 'json (for machines) or html (to read, print or send)', 'json')
    .option('--output <file>', 'write the bundle here rather than to standard output')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const parsed = exportOptions.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'Those options are not valid.', 2);
      const options = parsed.data;
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services, config }) => {
        const bundle = await services.privacy.exportBundle(cliActor, options.person, options.format);
        const text = options.format === 'html' ? bundleDocument(bundle, config.councilName) : `${JSON.stringify(bundle, null, 2)}\n`;
        if (!options.output) { process.stdout.write(text); return; }
        fs.writeFileSync(options.output, text, { mode: 0o600 });
        process.stdout.write(`Subject access bundle for ${bundle.resident.reference} written to ${options.output}: ${bundle.sourceRecords.length} records, ${bundle.accessLog.length} audit entries.\n`);
      });
    });

  privacy.command('rectify')
    .description('correct a detail of a resident\'s record (Article 16); the earlier value is kept in its history')
    .requiredOption('--person <reference>', 'the resident\'s OneStop reference')
    .requiredOption('--field <field>', `the detail: ${correctableFieldNames.join(', ')}`)
    .requiredOption('--value <value>', 'the correct value ("" for not held)')
    .requiredOption('--reason <text>', 'why the detail is wrong, and how you know')
    .action(async (options: { person: string; field: string; value: string; reason: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const done = await services.privacy.rectify(cliActor, options.person, { field: options.field as 'town', value: options.value, reason: options.reason });
        process.stdout.write(`Corrected ${done.field} for ${options.person}: was ${done.earlierValue ?? '(not held)'}, now ${done.correctedValue ?? '(not held)'}.\n`);
      });
    });

  const hold = privacy.command('hold').description('legal holds: keep everything about a resident whatever retention or erasure would do');
  hold.command('place')
    .description('place a legal hold on a resident')
    .requiredOption('--person <reference>', 'the resident\'s OneStop reference')
    .requiredOption('--reason <text>', 'why their data must be kept (a claim, an inquiry, a complaint)')
    .action(async (options: { person: string; reason: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const placed = await services.privacy.placeHold(cliActor, options.person, options.reason);
        process.stdout.write(`Legal hold ${placed.id} placed on ${placed.personReference}.\n`);
      });
    });
  hold.command('release')
    .description('release a legal hold')
    .requiredOption('--id <n>', 'the hold\'s number (onestop privacy hold list)')
    .action(async (options: { id: string }, command: Command) => {
      const id = Number(options.id);
      if (!Number.isInteger(id) || id < 1) throw new CliError('--id must be a hold\'s number.', 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        await services.privacy.releaseHold(cliActor, id);
        process.stdout.write(`Legal hold ${id} released.\n`);
      });
    });
  hold.command('list')
    .description('list legal holds in force')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const holds = await services.privacy.holds(cliActor, { activeOnly: true });
        if (options.json) { process.stdout.write(`${JSON.stringify(holds)}\n`); return; }
        if (holds.length === 0) { process.stdout.write('No legal holds are in force.\n'); return; }
        for (const item of holds) process.stdout.write(`${item.id}  ${item.personReference}  placed ${item.placedAt.toISOString()} by ${item.placedByName}: ${item.reason}\n`);
      });
    });

  privacy.command('erase')
    .description('erase a resident (Article 17): blank their record and every record linked to them, keeping counts; refused under a legal hold')
    .requiredOption('--person <reference>', 'the resident\'s OneStop reference')
    .requiredOption('--reason <text>', 'the ground for erasure and the request it answers')
    .action(async (options: { person: string; reason: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const outcome = await services.privacy.erase(cliActor, options.person, options.reason);
        process.stdout.write(`Erased ${outcome.reference}: ${outcome.sourceRecords} records and ${outcome.versions} earlier versions blanked, ${outcome.personsBlanked} golden record${outcome.personsBlanked === 1 ? '' : 's'} blanked.\n`);
      });
    });

  registerRetentionCommands(privacy);
  registerPreferenceCommand(privacy);
}

function registerRetentionCommands(privacy: Command): void {
  const retention = privacy.command('retention').description('how long each source system\'s records are kept, and applying that');
  retention.command('set')
    .description('keep a source system\'s records so many years')
    .requiredOption('--system <code>', 'the source system, like council_tax')
    .requiredOption('--years <n>', 'how many years')
    .option('--basis <basis>', `counted from: ${retentionBases.join(' or ')} (when the system stopped holding the record)`, 'last_seen')
    .action(async (options: { system: string; years: string; basis: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const rule = await services.privacy.setRule(cliActor, { systemCode: options.system, years: options.years as unknown as number, basis: options.basis as 'last_seen' });
        process.stdout.write(`${rule.systemName} records are kept ${rule.years} years after they were ${rule.basis === 'ended' ? 'no longer held by the system' : 'last sent'}.\n`);
      });
    });
  retention.command('show')
    .description('list the retention rules')
    .action(async (_options: object, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const rules = await services.privacy.rules(cliActor);
        if (rules.length === 0) { process.stdout.write('No retention rules are set: nothing is erased by age.\n'); return; }
        for (const rule of rules) process.stdout.write(`${rule.systemCode}  ${rule.years} years  after ${rule.basis === 'ended' ? 'ended' : 'last seen'}\n`);
      });
    });
  retention.command('run')
    .description('apply the retention rules now (the server also does each night); --dry-run only counts')
    .option('--dry-run', 'count what would be erased, and erase nothing')
    .option('--json', 'print the summary as JSON')
    .action(async (options: { dryRun?: boolean; json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const summary = await services.privacy.run(cliActor, { dryRun: options.dryRun === true });
        process.stdout.write(options.json ? `${JSON.stringify(summary)}\n` : describeRun(summary));
      });
    });
}

function describeRun(summary: RetentionSummary): string {
  const lines = [`Retention run ${summary.runId}${summary.dryRun ? ' (dry run: nothing erased)' : ''}:`];
  if (summary.systems.length === 0) lines.push('  No retention rules are set.');
  for (const system of summary.systems) {
    lines.push(`  ${system.systemCode}: ${system.due} due (last ${system.basis === 'ended' ? 'held' : 'sent'} on or before ${system.cutoff.slice(0, 10)}), ${system.held} kept under a legal hold, ${system.erased} erased`);
  }
  if (!summary.dryRun) lines.push(`  ${summary.personsErased} residents erased whole; ${summary.personsRefreshed} kept with their other records.`);
  return `${lines.join('\n')}\n`;
}

function registerPreferenceCommand(privacy: Command): void {
  privacy.command('preferences')
    .description('show a resident\'s contact preferences, or record one with --channel, --purpose, --agree or --refuse, and --source')
    .requiredOption('--person <reference>', 'the resident\'s OneStop reference')
    .option('--channel <channel>', channels.join(', '))
    .option('--purpose <purpose>', purposes.join(', '))
    .option('--agree', 'the resident agrees')
    .option('--refuse', 'the resident does not agree')
    .option('--source <source>', `how they said so: ${preferenceSources.join(', ')}`, 'other')
    .option('--json', 'print JSON')
    .action(async (options: { person: string; channel?: string; purpose?: string; agree?: boolean; refuse?: boolean; source: string; json?: boolean }, command: Command) => {
      const recording = options.channel !== undefined || options.purpose !== undefined || options.agree || options.refuse;
      if (recording && (options.agree === options.refuse)) throw new CliError('Say --agree or --refuse.', 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const person = await services.people.getResident(cliActor, options.person);
        if (recording) {
          await services.privacy.recordPreference(cliActor, person.person.id, { channel: options.channel as 'email', purpose: options.purpose as 'marketing', granted: options.agree ? 'yes' : 'no', source: options.source as 'other' });
        }
        const { current } = await services.privacy.preferencesOf(cliActor, person.person.id);
        if (options.json) { process.stdout.write(`${JSON.stringify(current)}\n`); return; }
        for (const channel of channels) {
          process.stdout.write(`${channel.padEnd(6)} ${purposes.map((purpose) => `${purpose}: ${current[channel][purpose] ? (current[channel][purpose]?.granted ? 'yes' : 'no') : 'not asked'}`).join('  ')}\n`);
        }
      });
    });
}
