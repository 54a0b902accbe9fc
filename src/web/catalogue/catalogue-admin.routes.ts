import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { DomainError } from '../../errors.ts';
import { authorize } from '../../access/policy.ts';
import { parseFormDefinition } from '../../catalogue/form-definition.ts';
import { routingRulesSchema } from '../../catalogue/routing.ts';
import type { Service, ServiceInput } from '../../catalogue/service.ts';
import { describeSla } from '../../catalogue/sla.ts';
import { actorOf } from '../session.ts';

// The administrator's catalogue: every service, active or not, and a page to change one: its name, LGSL number,
// team, SLA, guidance, whether it is offered, its form definition and routing rules as JSON, checked before saving.

const editForm = z.object({
  name: z.string().max(300).default(''),
  lgsl: z.string().trim().max(10).default(''),
  team: z.string().trim().max(63).default(''),
  slaAmount: z.string().trim().max(6).default(''),
  slaUnit: z.string().max(20).default(''),
  guidance: z.string().max(6000).default(''),
  active: z.string().max(3).default(''),
  form: z.string().max(200_000).default(''),
  routing: z.string().max(50_000).default(''),
});
type EditForm = z.infer<typeof editForm>;
type Problem = { href: string; text: string };

export async function registerCatalogueAdminRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/admin/services', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'catalogue.manage');
    const list = await services.catalogue.list(actor, { includeInactive: true });
    return reply.page('catalogue/admin-list.njk', { title: 'Service catalogue', services: list.map((service) => ({ ...service, slaText: describeSla(service.sla) })), done: (request.query as { done?: string }).done });
  });

  app.get('/admin/services/:code', async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'catalogue.manage');
    const service = await services.catalogue.get(actor, (request.params as { code: string }).code);
    return showEdit(reply, service, valuesOf(service));
  });

  app.post('/admin/services/:code', { preHandler: app.csrfProtection }, async (request, reply) => {
    const actor = actorOf(request);
    authorize(actor, 'catalogue.manage');
    const service = await services.catalogue.get(actor, (request.params as { code: string }).code);
    const values = editForm.parse(request.body ?? {});
    const { input, problems } = inputOf(service.code, values);
    if (input && problems.length === 0) {
      try {
        await services.catalogue.save(actor, input);
        return reply.redirect(`/admin/services?done=${encodeURIComponent(service.code)}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
        problems.push({ href: hrefFor(error.message), text: error.message });
      }
    }
    return showEdit(reply, service, values, problems, 400);
  });

  async function showEdit(reply: FastifyReply, service: Service, values: EditForm, problems: Problem[] = [], status = 200) {
    const teams = await services.teams.list();
    return reply.page('catalogue/admin-edit.njk', {
      title: `Change ${service.name}`, service, values, teams, errors: problems.length > 0 ? problems : undefined,
      errorFor: Object.fromEntries(problems.map((problem) => [problem.href.slice(1), problem.text])),
    }, status);
  }
}

function valuesOf(service: Service): EditForm {
  return {
    name: service.name, lgsl: service.lgsl === null ? '' : String(service.lgsl), team: service.teamCode ?? '', slaAmount: String(service.sla.amount), slaUnit: service.sla.unit,
    guidance: service.guidance, active: service.isActive ? 'yes' : 'no', form: JSON.stringify(service.form, null, 2), routing: JSON.stringify(service.routing, null, 2),
  };
}

/** The form's text as a service, or what is wrong with each part of it. */
function inputOf(code: string, values: EditForm): { input?: ServiceInput; problems: Problem[] } {
  const problems: Problem[] = [];
  if (values.name.trim() === '') problems.push({ href: '#name', text: 'Enter the service’s name' });
  if (values.lgsl !== '' && !/^\d{1,5}$/.test(values.lgsl)) problems.push({ href: '#lgsl', text: 'The LGSL number must be a whole number up to 99999, or left blank' });
  const amount = Number(values.slaAmount);
  if (!/^\d{1,4}$/.test(values.slaAmount) || amount < 1 || amount > 1000) problems.push({ href: '#sla-amount', text: 'The SLA must be a whole number from 1 to 1,000' });
  if (values.slaUnit !== 'working_days' && values.slaUnit !== 'working_hours') problems.push({ href: '#sla-unit', text: 'Select whether the SLA is in working days or working hours' });
  if (values.active !== 'yes' && values.active !== 'no') problems.push({ href: '#active', text: 'Select whether the service is offered' });
  const form = parseFormDefinition(values.form);
  if (!form.ok) problems.push({ href: '#form-definition', text: form.problems.join('. ') });
  let routing: unknown;
  try {
    routing = routingRulesSchema.parse(JSON.parse(values.routing.trim() === '' ? '[]' : values.routing));
  } catch (error) {
    problems.push({ href: '#routing', text: `The routing rules are not valid: ${error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ') : 'they are not JSON'}` });
  }
  if (problems.length > 0 || !form.ok) return { problems };
  return {
    problems,
    input: {
      code, lgsl: values.lgsl === '' ? null : Number(values.lgsl), name: values.name, team: values.team === '' ? null : values.team,
      sla: { amount, unit: values.slaUnit as 'working_days' | 'working_hours' }, guidance: values.guidance, form: form.definition,
      routing: routing as ServiceInput['routing'], active: values.active === 'yes',
    },
  };
}

function hrefFor(message: string): string {
  if (/routing rule|postcode district/i.test(message)) return '#routing';
  if (/team/i.test(message)) return '#team';
  if (/LGSL/.test(message)) return '#lgsl';
  if (/SLA/.test(message)) return '#sla-amount';
  if (/^name|service name/i.test(message)) return '#name';
  if (/guidance/i.test(message)) return '#guidance';
  return '#form-definition';
}
