import { z } from 'zod';
import { formDefinitionSchema, type FormDefinition } from './form-definition.ts';
import { routingRulesSchema, teamCodeSchema, type RoutingRule } from './routing.ts';
import { slaSchema, type Sla } from './sla.ts';

// A service the council delivers, as the catalogue describes it: what residents ask for, who deals with it, how
// quickly, and what the agent asks and says.

export type Service = {
  id: number;
  /** The catalogue's own identifier, used in addresses: lower-case words joined by hyphens, like missed-bin. */
  code: string;
  /** The Local Government Service List number (https://standards.esd.org.uk), when the council has confirmed it. */
  lgsl: number | null;
  name: string;
  teamCode: string | null;
  teamName: string | null;
  sla: Sla;
  guidance: string;
  form: FormDefinition;
  routing: RoutingRule[];
  isActive: boolean;
  updatedAt: Date;
  updatedBy: string;
};

export const serviceCodeSchema = z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,62}$/, 'A service code is 2 to 63 lower-case letters, digits or hyphens, starting with a letter, like missed-bin');
export const lgslSchema = z.number().int().min(1, 'An LGSL number is a whole number from 1').max(99_999, 'An LGSL number is at most 99999');

/** A service as written in a catalogue file or the starter catalogue. */
export const serviceInputSchema = z.object({
  code: serviceCodeSchema,
  lgsl: lgslSchema.nullable().default(null),
  name: z.string().trim().min(1, 'Give the service a name').max(200, 'A service name is at most 200 characters'),
  team: teamCodeSchema.nullable().default(null),
  sla: slaSchema,
  guidance: z.string().trim().max(5000, 'Guidance is at most 5,000 characters').default(''),
  form: formDefinitionSchema.default({ fields: [] }),
  routing: routingRulesSchema.default([]),
  active: z.boolean().default(true),
}).strict();
export type ServiceInput = z.input<typeof serviceInputSchema>;
export type ParsedServiceInput = z.output<typeof serviceInputSchema>;

export const catalogueFileSchema = z.object({ services: z.array(serviceInputSchema).min(1).max(2000) }).strict();

/** A code or an LGSL number as someone types it in an address or at the command line. */
export function lookupKey(text: string): { code: string } | { lgsl: number } {
  return /^\d{1,5}$/.test(text.trim()) ? { lgsl: Number(text.trim()) } : { code: text.trim().toLowerCase() };
}
