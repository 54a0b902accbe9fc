import { z } from 'zod';
import { parsePostcode, postcodeDistrict } from '../sources/parse-postcode.ts';
import type { Answers } from './answers.ts';

// Which team deals with a request: the first routing rule that matches, else the service's own team. A rule matches
// on the postcode district of the address (L1, SW1A) or on an answer to one of the form's questions.

export const teamCodeSchema = z.string().regex(/^[a-z][a-z0-9_]{1,62}$/, 'A team code is lower-case letters, digits and underscores, like waste_services');

export const routingRuleSchema = z.object({
  team: teamCodeSchema,
  postcodeDistricts: z.array(z.string().trim().toUpperCase().regex(/^[A-Z]{1,2}\d[A-Z\d]?$/, 'A postcode district is an outward code, like L1 or SW1A')).min(1).max(200).optional(),
  field: z.string().max(40).optional(),
  equals: z.array(z.string().max(60)).min(1).max(20).optional(),
}).strict().refine((rule) => (rule.postcodeDistricts !== undefined) !== (rule.field !== undefined), 'A routing rule matches either postcodeDistricts or a field and the answers it equals')
  .refine((rule) => (rule.field === undefined) === (rule.equals === undefined), 'A rule on a field needs the answers it equals');
export type RoutingRule = z.infer<typeof routingRuleSchema>;

export const routingRulesSchema = z.array(routingRuleSchema).max(50);

export type Routed = { teamCode: string | null; reason: string };

/**
 * The team for a request. The postcode is the one given, or else the first address answer's; rules are tried in
 * order and the first that matches wins.
 */
export function routeRequest(service: { teamCode: string | null; routing: readonly RoutingRule[] }, answers: Answers, givenPostcode?: string): Routed {
  const postcode = postcodeOf(answers, givenPostcode);
  const district = postcode ? postcodeDistrict(postcode) : undefined;
  for (const [index, rule] of service.routing.entries()) {
    if (rule.postcodeDistricts && district && rule.postcodeDistricts.includes(district)) return { teamCode: rule.team, reason: `Rule ${index + 1}: postcode district ${district}` };
    if (rule.field && rule.equals) {
      const answer = answers[rule.field];
      if (typeof answer === 'string' && rule.equals.includes(answer)) return { teamCode: rule.team, reason: `Rule ${index + 1}: ${rule.field} is ${answer}` };
    }
  }
  return { teamCode: service.teamCode, reason: 'The service’s own team' };
}

function postcodeOf(answers: Answers, given: string | undefined): string | undefined {
  if (given) {
    const parsed = parsePostcode(given);
    if (parsed.ok && parsed.value) return parsed.value;
  }
  for (const answer of Object.values(answers)) if (typeof answer === 'object') return answer.postcode;
  return undefined;
}
