import { z } from 'zod';

// The JSON API's shapes: these zod schemas validate requests and generate the OpenAPI document.

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
}).meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457).' });

const isoDate = z.string().describe('ISO 8601 date, YYYY-MM-DD');

export const searchParamsSchema = z.object({
  q: z.string().max(200).optional().describe('Free text: a name (typos allowed), phone, email, NI number, UPRN, a OneStop reference or a source system reference, with an optional postcode or date of birth.'),
  postcode: z.string().max(20).optional().describe('Only residents at this postcode, in their golden record or any linked record.'),
  dob: z.string().max(30).optional().describe('Only residents born on this day (ISO or dd/mm/yyyy).'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const searchResultSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  fullName: z.string().nullable(),
  dob: isoDate.nullable(),
  address: z.object({ line1: z.string().nullable(), town: z.string().nullable(), postcode: z.string().nullable() }),
  score: z.number(),
  matchedOn: z.array(z.string()),
}).meta({ id: 'PersonSearchResult' });

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  widened: z.boolean().describe('True when nothing matched the postcode or date of birth given, so the name was searched everywhere.'),
  notes: z.array(z.string()),
});

const fieldsSchema = z.object({
  title: z.string().nullable(), givenName: z.string().nullable(), middleName: z.string().nullable(), familyName: z.string().nullable(),
  fullName: z.string().nullable(), dob: isoDate.nullable(), sex: z.enum(['female', 'male', 'other']).nullable(),
  addressLine1: z.string().nullable(), addressLine2: z.string().nullable(), town: z.string().nullable(), postcode: z.string().nullable(),
  uprn: z.string().nullable(), addressFrom: isoDate.nullable(), addressTo: isoDate.nullable(), phone: z.string().nullable(),
  email: z.string().nullable(), niNumber: z.string().nullable(),
}).meta({ id: 'IdentityFields' });

const provenanceSchema = z.object({ system: z.string(), sourceRecordId: z.number().int(), sourceId: z.string(), changedAt: z.string(), lastSeenAt: z.string() });

export const personSchema = z.object({
  id: z.number().int(),
  reference: z.string(),
  status: z.enum(['active', 'merged', 'empty']),
  redirectTo: z.number().int().nullable(),
  golden: fieldsSchema,
  provenance: z.record(z.string(), provenanceSchema).describe('For each golden field: which source system said it, in which record, and when.'),
  sourceRecords: z.array(z.object({
    system: z.string(), systemName: z.string(), sourceId: z.string(), fields: fieldsSchema, version: z.number().int(),
    firstSeenAt: z.string(), lastSeenAt: z.string(), endedAt: z.string().nullable(),
    link: z.object({ method: z.string(), score: z.number().nullable(), linkedAt: z.string(), linkedBy: z.string() }),
  })),
  addresses: z.array(z.object({ uprn: z.string(), addressLine1: z.string().nullable(), addressLine2: z.string().nullable(), town: z.string().nullable(), postcode: z.string().nullable(), fromDate: isoDate.nullable(), toDate: isoDate.nullable(), isCurrent: z.boolean() })),
  household: z.array(z.object({ id: z.number().int(), reference: z.string(), fullName: z.string().nullable(), dob: isoDate.nullable() })),
}).meta({ id: 'Person' });

export const importCountsSchema = z.object({
  read: z.number().int(), new: z.number().int(), changed: z.number().int(), unchanged: z.number().int(),
  rejected: z.number().int(), ended: z.number().int(), personsCreated: z.number().int(),
});

export const importRunSchema = z.object({
  id: z.number().int(),
  system: z.string(),
  fileName: z.string(),
  full: z.boolean(),
  status: z.enum(['queued', 'running', 'completed', 'failed', 'interrupted']),
  percent: z.number().int(),
  counts: importCountsSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
}).meta({ id: 'ImportRun' });

export const importParamsSchema = z.object({
  system: z.string().trim().min(2).max(63).describe('The source system code, like council_tax.'),
  full: z.enum(['true', 'false']).default('false').describe('A full extract: records it no longer lists are marked ended.'),
  fileName: z.string().max(200).optional(),
});

export const statsSchema = z.object({ persons: z.number().int(), sourceRecords: z.number().int(), links: z.number().int(), systems: z.number().int(), properties: z.number().int() });
