import type { Command } from 'commander';
import type { SystemActor } from '../../access/staff.ts';
import { deliveryStatuses, type Delivery, type DeliveryStatus, type Subscription } from '../../integration/webhook.ts';
import { CliError, withServices, type GlobalOptions } from '../context.ts';

const cliActor: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

// Webhooks to back-office systems: an administrator's commands. The server's worker delivers; these manage.
export function registerWebhookCommands(program: Command): void {
  const webhook = program.command('webhook').description('webhooks: events handed to back-office systems');
  webhook
    .command('add')
    .description('subscribe a back-office system to events; prints the signing secret once')
    .requiredOption('--name <name>', 'what the subscription is for, like "Revenues system"')
    .requiredOption('--url <url>', 'the http(s) address events are posted to')
    .requiredOption('--events <types>', 'event types, comma-separated: case.created, case.* or *')
    .option('--allow-private', 'let the address be on a private or loopback network (the council\'s own back office)')
    .action(async (options: { name: string; url: string; events: string; allowPrivate?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const events = options.events.split(',').map((type) => type.trim()).filter(Boolean);
        const { subscription, secret } = await services.integration.webhooks.addSubscription(cliActor, { name: options.name, url: options.url, events, allowPrivate: options.allowPrivate === true });
        process.stdout.write(`Added webhook ${subscription.id} (${subscription.name}) for ${subscription.events.join(', ')}.\nSigning secret (shown once, give it to the receiver): ${secret}\n`);
      });
    });
  webhook
    .command('list')
    .description('list the subscriptions: id, name, events, address, whether active')
    .action(async (_options: object, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const subscriptions = await services.integration.webhooks.listSubscriptions(cliActor);
        process.stdout.write(subscriptions.length === 0 ? 'No webhooks yet: add one with onestop webhook add.\n' : subscriptions.map(describeSubscription).join(''));
      });
    });
  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    webhook
      .command(verb)
      .description(active ? 'start sending events to a subscription again, and the deliveries kept for it' : 'stop sending events to a subscription; deliveries already made are kept until it is enabled')
      .requiredOption('--id <id>', 'the subscription\'s id, from onestop webhook list')
      .action(async (options: { id: string }, command: Command) => {
        await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
          const saved = await services.integration.webhooks.setActive(cliActor, idOf(options.id), active);
          process.stdout.write(`Webhook ${saved.id} (${saved.name}) ${active ? 'enabled' : 'disabled'}.\n`);
        });
      });
  }
  webhook
    .command('deliveries')
    .description('list recent deliveries, newest first')
    .option('--status <status>', `only those ${deliveryStatuses.join(', ')}`)
    .option('--limit <n>', 'how many', '50')
    .action(async (options: { status?: string; limit: string }, command: Command) => {
      if (options.status && !(deliveryStatuses as readonly string[]).includes(options.status)) throw new CliError(`--status must be one of ${deliveryStatuses.join(', ')}.`, 2);
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const deliveries = await services.integration.webhooks.listDeliveries(cliActor, { ...(options.status ? { status: options.status as DeliveryStatus } : {}), limit: idOf(options.limit) });
        process.stdout.write(deliveries.length === 0 ? 'No deliveries.\n' : deliveries.map(describeDelivery).join(''));
      });
    });
  webhook
    .command('redrive')
    .description('send a dead delivery again, from its first attempt, with the same event id')
    .requiredOption('--id <id>', 'the delivery\'s id, from onestop webhook deliveries --status dead')
    .action(async (options: { id: string }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        await services.integration.webhooks.redriveDelivery(cliActor, idOf(options.id));
        process.stdout.write(`Delivery ${options.id} will be sent again.\n`);
      });
    });
  webhook
    .command('test')
    .description('publish a webhook.test event through the outbox to one subscription')
    .requiredOption('--id <id>', 'the subscription\'s id')
    .option('--send', 'deliver what is due now from this process, rather than leave it to the server')
    .action(async (options: { id: string; send?: boolean }, command: Command) => {
      await withServices(command.optsWithGlobals<GlobalOptions>(), async ({ services }) => {
        const eventId = await services.integration.webhooks.sendTest(cliActor, idOf(options.id));
        if (options.send) await services.integration.dispatcher().runUntilIdle();
        const [delivery] = options.send ? await services.integration.webhooks.listDeliveries(cliActor, { subscriptionId: idOf(options.id), limit: 1 }) : [];
        process.stdout.write(`Published test event ${eventId}${delivery ? `: ${delivery.status}${delivery.lastError ? ` (${delivery.lastError})` : ''}` : '; the server delivers it'}.\n`);
      });
    });
}

function idOf(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new CliError('Give a whole number, from onestop webhook list or deliveries.', 2);
  return id;
}

function describeSubscription(subscription: Subscription): string {
  return `${subscription.id}  ${subscription.name}  ${subscription.events.join(',')}  ${subscription.url}  ${subscription.active ? 'active' : 'disabled'}${subscription.allowPrivate ? '  private addresses allowed' : ''}\n`;
}

function describeDelivery(delivery: Delivery): string {
  const when = delivery.status === 'delivered' ? `delivered ${delivery.deliveredAt?.toISOString() ?? ''}` : delivery.status === 'pending' ? `next ${delivery.nextAttemptAt.toISOString()}` : delivery.status;
  return `${delivery.id}  ${delivery.subscriptionName}  ${delivery.eventType}  ${delivery.eventId}  ${delivery.attempts} attempt${delivery.attempts === 1 ? '' : 's'}  ${when}${delivery.lastError ? `  ${delivery.lastError}` : ''}\n`;
}
