import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

// The council's One Stop Shops (src/visits/location.ts): a setting with a default, changed by an administrator here.
export function registerShopCommands(program: Command): void {
  const shop = program.command('shop').description('One Stop Shops: where visitors queue and appointments are booked');
  shop
    .command('list')
    .description('list the One Stop Shops and how many desks each has for appointments')
    .action(async (_options: object, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const locations = await services.visits.locations(cliActor);
        process.stdout.write(locations.map((location) => `${location.name} (${location.desks} desk${location.desks === 1 ? '' : 's'})\n`).join(''));
      });
    });
  shop
    .command('set')
    .description('replace the list of One Stop Shops, each as "Name" or "Name=desks" (3 desks unless given)')
    .argument('<shops...>', 'the shops, like "Town Hall One Stop Shop=3" "Central Library One Stop Shop=1"')
    .action(async (shops: string[], _options: object, command: Command) => {
      const locations = shops.map((text) => {
        const match = /^(.*?)(?:=(\d+))?$/.exec(text.trim());
        if (!match?.[1]) throw new CliError(`"${text}" is not a shop: give "Name" or "Name=desks".`, 2);
        return { name: match[1].trim(), ...(match[2] ? { desks: Number(match[2]) } : {}) };
      });
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const saved = await services.visits.setLocations(cliActor, locations);
        process.stdout.write(`One Stop Shops: ${saved.map((location) => `${location.name} (${location.desks} desk${location.desks === 1 ? '' : 's'})`).join(', ')}.\n`);
      });
    });
}
