import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerCatalogueCommands } from './commands/catalogue.ts';
import { registerCaseCommands } from './commands/case.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerPrivacyCommands } from './commands/privacy.ts';
import { registerRelinkCommand } from './commands/relink.ts';
import { registerServeCommands } from './commands/serve.ts';
import { registerShopCommands } from './commands/shop.ts';
import { registerStaffCommands } from './commands/staff.ts';
import { registerWebhookCommands } from './commands/webhook.ts';
import { reportError } from './context.ts';

// onestop: the command line. Every command has --help; an error is one sentence and a non-zero exit.
export function buildProgram(): Command {
  const program = new Command('onestop')
    .description('OneStop: a single view of each resident, built from the council\'s systems.')
    .option('--data <dir>', 'folder for the embedded database, uploads and demo files (default ./data, or ONESTOP_DATA_DIR); DATABASE_URL chooses a PostgreSQL server instead')
    // A usage error is one line, like every other error (commander would add its hint, and any suggestion, on lines of their own).
    .configureOutput({ outputError: (text, write) => write(`onestop: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')} (add --help for usage)\n`) })
    .exitOverride();
  registerServeCommands(program);
  registerImportCommand(program);
  registerDataCommands(program);
  registerRelinkCommand(program);
  registerAdminCommands(program);
  registerAuditCommands(program);
  registerStaffCommands(program);
  registerPrivacyCommands(program);
  registerCatalogueCommands(program);
  registerCaseCommands(program);
  registerWebhookCommands(program);
  registerShopCommands(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}

const code = await main(process.argv);
if (code !== 0) process.exitCode = code;
