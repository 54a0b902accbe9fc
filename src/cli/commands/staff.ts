import readline from 'node:readline';
import type { Command } from 'commander';
import { apiScopes, type ApiToken } from '../../access/api-token.ts';
import { roles, type Role } from '../../access/staff.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

export function registerStaffCommands(program: Command): void {
  const user = program.command('user').description('staff accounts');
  user
    .command('add')
    .description('create a staff account (the password is read from the terminal, or from standard input with --password-stdin)')
    .requiredOption('--email <email>', 'the person\'s work email, used to sign in')
    .requiredOption('--name <name>', 'the person\'s name, as shown to colleagues')
    .option('--role <role>', `one of ${roles.join(', ')}`, 'agent')
    .option('--password-stdin', 'read the password from the first line of standard input')
    .action(async (options: { email: string; name: string; role: string; passwordStdin?: boolean }, command: Command) => {
      if (!(roles as readonly string[]).includes(options.role)) throw new CliError(`The role must be one of ${roles.join(', ')}.`, 2);
      const password = options.passwordStdin ? await readStdinLine() : await promptHidden('Password (at least 12 characters): ');
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const created = await services.staff.addUser({ email: options.email, displayName: options.name, password, role: options.role as Role });
        process.stdout.write(`Created ${created.role} account for ${created.email}.\n`);
      });
    });

  registerAccountStatusCommands(user);

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('print a new bearer token for the API, and nothing else')
    .requiredOption('--email <email>', 'the staff account the token acts as')
    .option('--name <name>', 'what the token is for', 'command line')
    .option('--scope <scope>', `what the token may do, repeated or comma-separated: ${apiScopes.join(', ')} (default: all of them)`, collect, [])
    .action(async (options: { email: string; name: string; scope: string[] }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        process.stdout.write(`${await services.staff.createApiToken(options.email, options.name, options.scope)}\n`);
      });
    });
  token
    .command('list')
    .description('list a staff account\'s API tokens: id, name, scopes, when made and last used, and whether revoked')
    .requiredOption('--email <email>', 'the staff account')
    .action(async (options: { email: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const tokens = await services.staff.listApiTokens(options.email);
        process.stdout.write(tokens.length === 0 ? `${options.email} has no API tokens.\n` : tokens.map(describeToken).join(''));
      });
    });
  token
    .command('revoke')
    .description('revoke an API token: it is refused from the next call on')
    .requiredOption('--id <id>', 'the token\'s id, from onestop token list')
    .action(async (options: { id: string }, command: Command) => {
      const id = Number(options.id);
      if (!Number.isInteger(id) || id <= 0) throw new CliError('--id must be a token\'s number, from onestop token list.', 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const revoked = await services.staff.revokeApiToken(id);
        process.stdout.write(`Revoked API token ${revoked.id} (${revoked.name}) of ${revoked.email}.\n`);
      });
    });
}

/** Turning accounts off and on, and resetting a lost second factor: an administrator's commands. */
function registerAccountStatusCommands(user: Command): void {
  user
    .command('disable')
    .description('disable a staff account: its sessions end at once and its API tokens are refused')
    .requiredOption('--email <email>', 'the account\'s email')
    .action(async (options: { email: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const { user: disabled, sessionsEnded } = await services.staff.disableUser(options.email);
        process.stdout.write(`Disabled ${disabled.email}: ended ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'}; its API tokens are refused until it is enabled.\n`);
      });
    });
  user
    .command('enable')
    .description('enable a staff account again, lifting any lock from failed sign-ins')
    .requiredOption('--email <email>', 'the account\'s email')
    .action(async (options: { email: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const enabled = await services.staff.enableUser(options.email);
        process.stdout.write(`Enabled ${enabled.email}.\n`);
      });
    });
  user
    .command('reset-two-factor')
    .description('remove a staff account\'s second factor (a lost phone, say) and end its sessions; they set up a new one after signing in')
    .requiredOption('--email <email>', 'the account\'s email')
    .action(async (options: { email: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const { user: reset } = await services.staff.resetTwoFactor(options.email);
        process.stdout.write(`Removed the second factor of ${reset.email}: they sign in with their password, then set up a new one at /account/two-factor.\n`);
      });
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function describeToken(token: ApiToken): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const state = token.revokedAt ? `revoked ${day(token.revokedAt)}` : 'active';
  return `${token.id}  ${token.name}  ${token.scopes.join(',')}  made ${day(token.createdAt)}  last used ${token.lastUsedAt ? day(token.lastUsedAt) : 'never'}  ${state}\n`;
}

async function readStdinLine(): Promise<string> {
  const lines = readline.createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  throw new CliError('No password was given on standard input.', 2);
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError('Give the password on standard input with --password-stdin.', 2);
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    rl.question(question, (answer) => { rl.close(); process.stderr.write('\n'); resolve(answer); });
    output._writeToOutput = (text: string) => { if (text.startsWith(question)) process.stderr.write(question); };
  });
}
