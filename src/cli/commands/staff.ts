import readline from 'node:readline';
import type { Command } from 'commander';
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

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .description('print a new bearer token for the API, and nothing else')
    .requiredOption('--email <email>', 'the staff account the token acts as')
    .option('--name <name>', 'what the token is for', 'command line')
    .action(async (options: { email: string; name: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        process.stdout.write(`${await services.staff.createApiToken(options.email, options.name)}\n`);
      });
    });
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
