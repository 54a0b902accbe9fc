import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

// Source systems and teams: which systems are restricted, to which team, and who is in it.
export function registerAdminCommands(program: Command): void {
  const system = program.command('system').description('source systems');
  system
    .command('add')
    .description('register a source system, or change one: its name, trust, and whether its records are restricted to a team')
    .argument('<code>', 'the system\'s code, like adult_social_care')
    .option('--name <name>', 'the name staff see')
    .option('--trust <n>', 'how far its values are trusted when systems disagree, 0 to 100')
    .option('--restricted', 'only its team may see its records; others see only that it knows the resident, and whom to contact')
    .option('--unrestricted', 'lift the restriction')
    .option('--team <code>', 'the team that works with its records')
    .action(async (code: string, options: { name?: string; trust?: string; restricted?: boolean; unrestricted?: boolean; team?: string }, command: Command) => {
      const trust = options.trust === undefined ? undefined : Number(options.trust);
      if (trust !== undefined && !Number.isInteger(trust)) throw new CliError('--trust must be a whole number from 0 to 100.', 2);
      if (options.restricted && options.unrestricted) throw new CliError('Say --restricted or --unrestricted, not both.', 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const saved = await services.systems.configure(cliActor, {
          code, ...(options.name ? { name: options.name } : {}), ...(trust !== undefined ? { trust } : {}),
          ...(options.restricted ? { restricted: true } : options.unrestricted ? { restricted: false } : {}), ...(options.team ? { teamCode: options.team } : {}),
        });
        process.stdout.write(`${saved.name} (${saved.code}): trust ${saved.trust}${saved.restricted ? ', restricted to its team' : ''}.\n`);
      });
    });

  const team = program.command('team').description('teams of staff');
  team
    .command('add')
    .description('add a team, or change its name and how to contact it')
    .argument('<code>', 'the team\'s code, like adult_social_care')
    .requiredOption('--name <name>', 'the team\'s name')
    .option('--contact <text>', 'how other staff reach the team, shown beside residents it works with', '')
    .action(async (code: string, options: { name: string; contact: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const saved = await services.teams.saveTeam(cliActor, { code, name: options.name, contact: options.contact });
        process.stdout.write(`Team ${saved.name} (${saved.code}) saved.\n`);
      });
    });
  team
    .command('join')
    .description('put a member of staff in a team (or take them out with --leave)')
    .requiredOption('--email <email>', 'the staff account')
    .requiredOption('--team <code>', 'the team')
    .option('--leave', 'take them out of the team')
    .action(async (options: { email: string; team: string; leave?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        await services.teams.join(cliActor, options.email, options.team, !options.leave);
        process.stdout.write(`${options.email} ${options.leave ? 'left' : 'joined'} ${options.team}.\n`);
      });
    });
}
