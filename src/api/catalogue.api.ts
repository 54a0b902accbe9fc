import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../deps.ts';
import { fieldTypes } from '../catalogue/form-definition.ts';
import type { Service } from '../catalogue/service.ts';
import { slaUnits } from '../catalogue/sla.ts';
import { actorOf } from '../web/session.ts';
import { problemSchema } from './schemas.ts';

// The service catalogue through the API: for channels (web forms, chatbots, back offices) to offer the same services
// with the same questions. The form definition is described loosely here and exactly by src/catalogue/form-definition.ts.

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

const summarySchema = z.object({
  code: z.string().describe('The catalogue’s code, like missed-bin'),
  lgsl: z.number().int().nullable().describe('Local Government Service List number, when the council has confirmed it'),
  name: z.string(),
  team: z.object({ code: z.string(), name: z.string() }).nullable(),
  sla: z.object({ amount: z.number().int(), unit: z.enum(slaUnits) }).describe('Working days (due at 17:00 London time on the last one) or working hours (9:00 to 17:00), over England and Wales bank holidays'),
  active: z.boolean(),
  updatedAt: z.string(),
}).meta({ id: 'ServiceSummary' });

const fieldSchema = z.object({
  name: z.string(), label: z.string(), type: z.enum(fieldTypes), required: z.boolean(), hint: z.string().optional(),
  showWhen: z.object({ field: z.string(), equals: z.array(z.string()) }).optional().describe('Ask only when an earlier choice has one of these answers'),
  options: z.array(z.object({ value: z.string(), text: z.string() })).optional(),
}).catchall(z.unknown()).describe('One question; further keys by type: maxLength, minLength, pattern, min, max, wholeNumber, notInFuture, notInPast, unit');

const serviceSchema = summarySchema.extend({
  guidance: z.string(),
  form: z.object({ fields: z.array(fieldSchema) }),
  routing: z.array(z.object({ team: z.string(), postcodeDistricts: z.array(z.string()).optional(), field: z.string().optional(), equals: z.array(z.string()).optional() })),
}).meta({ id: 'Service' });

export async function registerCatalogueApi(app: FastifyInstance, services: Services): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/api/v1/services', {
    schema: {
      summary: 'The service catalogue: services offered, with team and SLA', tags: ['services'],
      querystring: z.object({ include: z.enum(['inactive']).optional().describe('inactive: list services not offered too') }),
      response: { 200: z.object({ services: z.array(summarySchema) }), ...errors },
    },
  }, async (request) => ({ services: (await services.catalogue.list(actorOf(request), { includeInactive: request.query.include === 'inactive' })).map(summaryJson) }));

  api.get('/api/v1/services/:code', {
    schema: {
      summary: 'One service with its guidance, form definition and routing rules', tags: ['services'],
      params: z.object({ code: z.string().max(63).describe('The service’s code (missed-bin) or its LGSL number (524)') }),
      response: { 200: serviceSchema, ...errors },
    },
  }, async (request) => {
    const service = await services.catalogue.get(actorOf(request), request.params.code);
    return { ...summaryJson(service), guidance: service.guidance, form: service.form, routing: service.routing };
  });
}

function summaryJson(service: Service) {
  return {
    code: service.code, lgsl: service.lgsl, name: service.name, team: service.teamCode && service.teamName ? { code: service.teamCode, name: service.teamName } : null,
    sla: service.sla, active: service.isActive, updatedAt: service.updatedAt.toISOString(),
  };
}
