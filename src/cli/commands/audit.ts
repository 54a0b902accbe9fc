import type { Command } from 'commander';
import { z } from 'zod';
import { actionLabel, auditActorOf, type AuditEntry } from '../../audit/audit.ts';
import { createAuditService, type VerifyOutcome } from '../../audit/audit.service.ts';
import { NotFound } from '../../errors.ts';
import { parseReference, referenceFor } from '../../people/reference.ts';
import { CliError, withServices, type GlobalOptions, type Opened } from '../context.ts';
import { stageReporter } from './data.ts';

// The audit trail from the terminal. Whoever can run this can reach the database itself, so there is no role check;
// a search is still recorded in the trail, like the data protection officer's page.

const limitMessage = 'The limit must be a whole number from 1 to 1,000.';
const showOptions = z.object({
  person: z.string().trim().min(1).optional(),
  user: z.string().trim().min(1).optional(),
  limit: z.coerce.number({ message: limitMessage }).int(limitMessage).min(1, limitMessage).max(1000, limitMessage).default(50),
  json: z.boolean().default(false),
}).refine((options) => (options.person === undefined) !== (options.user === undefined), 'Give either --person REFERENCE or --user EMAIL.');

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the audit trail: who looked at or changed what, and whether the trail is intact');
  audit
    .command('verify')
    .description('walk the whole hash chain and report the first edited, inserted or deleted entry (exit 1); print the latest hash to keep elsewhere')
    .option('--expect <hash>', 'a latest hash printed earlier: the trail is broken if that entry is no longer in it')
    .option('--json', 'print the outcome as JSON')
    .action(async (options: { expect?: string; json?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const report = stageReporter(options.json === true);
        const outcome = await auditOf(services).verify(({ checked, total }) => report('Checking the audit trail', checked, total), { expectHash: options.expect?.trim() });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(outcomeJson(outcome))}\n`);
          if (!outcome.intact) process.exitCode = 1;
          return;
        }
        if (!outcome.intact) throw new CliError(outcome.problem.message, 1);
        const latest = outcome.latest ? `latest hash ${outcome.latest.hash} (entry ${outcome.latest.id}, ${outcome.latest.at.toISOString()})` : 'no entries yet';
        process.stdout.write(`The audit trail is intact: ${outcome.checked.toLocaleString('en-GB')} entries checked, ${latest}.\n`);
      });
    });

  audit
    .command('show')
    .description('list audit entries, newest first: who has looked at a resident (--person), or what a member of staff has opened (--user)')
    .option('--person <reference>', 'a resident\'s OneStop reference, like K7M3-9QD2')
    .option('--user <email>', 'a member of staff\'s email, or a process such as system:import')
    .option('--limit <n>', 'how many entries, newest first (at most 1,000)', '50')
    .option('--json', 'print the entries as JSON')
    .action(async (raw: Record<string, unknown>, command: Command) => {
      const parsed = showOptions.safeParse(raw);
      if (!parsed.success) throw new CliError(parsed.error.issues[0]?.message ?? 'Those options are not valid.', 2);
      const options = parsed.data;
      const personId = options.person === undefined ? undefined : parseReference(options.person)?.id;
      if (options.person !== undefined && personId === undefined) throw new CliError(`"${options.person}" is not a resident's reference, like K7M3-9QD2.`, 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const trail = auditOf(services);
        const actor = options.user === undefined ? undefined : await actorFor(services, options.user);
        const entries = personId !== undefined ? await trail.forPerson(personId, { limit: options.limit }) : await trail.byActor(actor ?? '', { limit: options.limit });
        await trail.record(services.db, {
          ...auditActorOf({ kind: 'system', name: 'cli', door: 'cli' }), action: 'audit.search',
          personId: personId ?? null, subject: actor ?? null, details: { shown: entries.length },
        });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(entries.map((entry) => ({ ...entry, personReference: entry.personId === null ? null : referenceFor(entry.personId) })))}\n`);
          return;
        }
        if (entries.length === 0) {
          process.stdout.write(`No audit entries for ${options.person !== undefined ? `resident ${referenceFor(personId ?? 0)}` : options.user}.\n`);
          return;
        }
        process.stdout.write(entries.map(entryLine).join(''));
      });
    });
}

function auditOf(services: Opened['services']) {
  return createAuditService({ db: services.db, clock: services.clock });
}

/** A member of staff by email, or an actor label as the trail holds it. */
async function actorFor(services: Opened['services'], user: string): Promise<string> {
  if (/^(user|system):/.test(user)) return user;
  const found = await services.staff.findUserByEmail(user);
  if (!found) throw new NotFound(`There is no member of staff with the email ${user}.`);
  return `user:${found.id}`;
}

function entryLine(entry: AuditEntry): string {
  const parts = [
    entry.at.toISOString().replace(/\.\d{3}Z$/, 'Z'), `#${entry.id}`, `${entry.actor} (${entry.actorName})`, entry.door, actionLabel(entry.action),
    entry.personId === null ? '' : `resident ${referenceFor(entry.personId)}`, entry.subject ?? '', entry.reason ? `reason: ${entry.reason}` : '',
  ];
  return `${parts.filter((part) => part !== '').join('  ')}\n`;
}

function outcomeJson(outcome: VerifyOutcome) {
  return { ...outcome, latest: outcome.latest ? { ...outcome.latest, at: outcome.latest.at.toISOString() } : null };
}
