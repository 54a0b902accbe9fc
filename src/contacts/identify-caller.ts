import type { Queryable } from '../db/connection.ts';
import type { MatchService } from '../matching/match.service.ts';
import { emptyFields } from '../people/survivorship.ts';
import { parsePhone } from '../sources/parse-phone.ts';

// Who is calling, from the number alone, at the moment the call rings. A number is a strong identifier for
// whoever holds it, but it is only one detail, and the matching model's links are made on the weight of several (a
// phone match alone never reaches the band in which records are merged). So: the residents whose current records
// hold exactly this number decide first; when that is no one (a number held in another form), live identity
// resolution with the council's current model (the same candidates and scores as POST /api/v1/match) is asked for a
// confident match. The screen opens on the resident only when exactly one is found; two people sharing a landline,
// or a weak match, open a search instead, so an agent never starts talking to the wrong person's record, and the
// desk asks the agent to confirm who is calling either way.

export type CallerIdentity = { phone: string | null; personId: number | null; candidates: number };

export async function identifyCaller(runner: Queryable, matches: MatchService, callerNumber: string): Promise<CallerIdentity> {
  const parsed = parsePhone(callerNumber);
  const phone = parsed.ok ? parsed.value : null;
  if (!phone) return { phone: null, personId: null, candidates: 0 };
  const holders = await runner.selectFrom('source_record').innerJoin('person_link', 'person_link.source_record_id', 'source_record.id')
    .innerJoin('person', 'person.id', 'person_link.person_id')
    .select('person.id').distinct()
    .where('source_record.phone', '=', phone).where('person_link.unlinked_at', 'is', null).where('person.status', '=', 'active')
    .limit(2).execute();
  if (holders.length > 0) return { phone, personId: holders.length === 1 ? holders[0]?.id ?? null : null, candidates: holders.length };
  const current = await matches.currentModel(runner);
  if (!current) return { phone, personId: null, candidates: 0 };
  const [ranked = []] = await matches.matchRecords(runner, current.model, [{ sourceSystem: 'telephony', sourceId: 'caller', fields: { ...emptyFields, phone } }]);
  const confident = ranked.filter((match) => match.band === 'link');
  return { phone, personId: confident.length === 1 ? confident[0]?.personId ?? null : null, candidates: ranked.length };
}
