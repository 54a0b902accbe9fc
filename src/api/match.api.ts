import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../deps.ts';
import { Conflict, ValidationFailed } from '../errors.ts';
import { standardiseRow } from '../sources/standardise.ts';
import { problemSchema } from './schemas.ts';

const text = z.string().max(200).optional();
export const matchRequestSchema = z.object({
  source_system: text.describe('The system the record comes from, if any (a record is more likely a duplicate within one system).'),
  title: text, given_name: text, middle_name: text, family_name: text, full_name: text.describe('"Mr John Smith" or "SMITH, John", when the parts are not separate.'),
  dob: text.describe('ISO, dd/mm/yyyy or yyyymmdd'), sex: text, address_line1: text, address_line2: text, town: text, postcode: text, uprn: text,
  phone: text, email: text, ni_number: text,
  limit: z.number().int().min(1).max(50).default(10),
}).strict().meta({ id: 'MatchRequest' });

const explanationSchema = z.object({
  prior: z.number(),
  fields: z.array(z.object({ field: z.string(), label: z.string(), level: z.number(), description: z.string(), weight: z.number(), frequencyAdjustment: z.number(), text: z.string() })),
  totalWeight: z.number(), probability: z.number(), band: z.string(), summary: z.string(),
});

export const matchResponseSchema = z.object({
  modelVersion: z.number().int(),
  candidates: z.array(z.object({
    id: z.number().int(), reference: z.string(), fullName: z.string().nullable(), dob: z.string().nullable(), postcode: z.string().nullable(),
    probability: z.number(), weight: z.number(), band: z.enum(['link', 'review', 'no link']), explanation: explanationSchema,
  })),
}).meta({ id: 'MatchResult' });

// Live identity resolution at the moment of contact: who might this be? Ranked, explained, and nothing written.
export async function registerMatchApi(app: FastifyInstance, services: Services): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/api/v1/match', {
    schema: {
      summary: 'Who might this record be? Ranked residents with the evidence for each; writes nothing',
      tags: ['matching'], body: matchRequestSchema,
      response: { 200: matchResponseSchema, 400: problemSchema, 401: problemSchema, 409: problemSchema },
    },
  }, async (request) => {
    const { limit, ...row } = request.body;
    const standard = standardiseRow(row, { dateFormat: 'auto', nameFormat: 'auto' });
    if (!standard.ok) throw new ValidationFailed(`The record cannot be read: ${standard.reason}.`);
    const current = await services.matches.currentModel();
    if (!current) throw new Conflict('No matching model has been learnt yet: run a relink (onestop relink, or Relink all records on the matching page) first.');
    const [ranked = []] = await services.matches.matchRecords(services.db, current.model, [{ sourceSystem: row.source_system ?? 'api', sourceId: 'match-request', fields: standard.fields }]);
    const top = ranked.slice(0, limit);
    const people = await services.db.selectFrom('person').select(['id', 'reference', 'full_name', 'dob', 'postcode']).where('id', 'in', top.length > 0 ? top.map((match) => match.personId) : [0]).execute();
    const byId = new Map(people.map((person) => [person.id, person]));
    return {
      modelVersion: current.version,
      candidates: top.flatMap((match) => {
        const person = byId.get(match.personId);
        return person ? [{ id: person.id, reference: person.reference, fullName: person.full_name, dob: person.dob, postcode: person.postcode, probability: match.probability, weight: match.weight, band: match.band, explanation: match.explanation }] : [];
      }),
    };
  });
}
