import { sql, type RawBuilder } from 'kysely';
import type { Queryable } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { searchName } from '../matching/keys.ts';
import type { SearchQuery } from './search.ts';

// Finding people: exact identifiers through the source records that carry them, names through trigram and
// phonetic indexes, narrowed by postcode or date of birth as given in any linked record, not only the golden one.

export type SearchHit = {
  personId: number;
  reference: string;
  fullName: string | null;
  dob: string | null;
  addressLine1: string | null;
  town: string | null;
  postcode: string | null;
  score: number;
  matchedOn: string[];
};

const candidateLimit = 200;
/** Distinct names, closest first, whose bearers become candidates. */
const nameLimit = 20;

function linkedRecordsWhere(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select l.person_id as id from source_record r
    join person_link l on l.source_record_id = r.id and l.unlinked_at is null where ${condition}`;
}

/** Candidate sets, each tagged with what it matched on. */
type TypedName = { name: string; given: string; family: string };

/** The typed name folded as held names are: the first word is the given name, the last the family name. */
export function typedName(query: SearchQuery): TypedName | undefined {
  if (!query.name) return undefined;
  const name = searchName(null, query.name);
  if (name === '') return undefined;
  const words = name.split(' ');
  return { name, given: words.length > 1 ? (words[0] ?? '') : '', family: words[words.length - 1] ?? '' };
}

function candidateQueries(query: SearchQuery, byName: boolean): Array<RawBuilder<unknown>> {
  const typed = typedName(query);
  const sets: Array<RawBuilder<unknown>> = [];
  const tagged = (tag: string, select: RawBuilder<unknown>) => sql`select id, ${tag}::text as tag from (${select}) s`;
  if (query.personId !== null) sets.push(tagged('reference', sql`select id from person where id = ${query.personId}`));
  if (query.niNumber) sets.push(tagged('ni_number', linkedRecordsWhere(sql`r.ni_number = ${query.niNumber}`)));
  if (query.phone) sets.push(tagged('phone', linkedRecordsWhere(sql`r.phone = ${query.phone}`)));
  if (query.email) sets.push(tagged('email', linkedRecordsWhere(sql`r.email_key = ${query.email.toLowerCase()}`)));
  if (query.uprn) sets.push(tagged('uprn', sql`select person_id as id from occupancy where uprn = ${query.uprn} union select id from person where uprn = ${query.uprn}`));
  // Probing the (system, source_id) key once per system finds a system's own reference without an index of its own.
  if (query.sourceReference) sets.push(tagged('source_reference', linkedRecordsWhere(sql`r.source_system_id = any(array(select id from source_system)) and r.source_id = ${query.sourceReference}`)));
  if (query.postcode) {
    sets.push(tagged('postcode', sql`select id from person where postcode = ${query.postcode}`));
    sets.push(tagged('postcode', linkedRecordsWhere(sql`r.postcode = ${query.postcode}`)));
  } else if (query.dob) {
    sets.push(tagged('dob', sql`select id from person where dob = ${query.dob}`));
  } else if (byName && typed) {
    // Trigrams find names near the one typed; word-by-word edit distance then ranks them as a person would.
    sets.push(tagged('name', sql`select id from person where status = 'active' and search_name = any(array(
      select search_name from (
        select search_name from person_name where search_name % ${typed.name}
        order by similarity(search_name, ${typed.name}) desc limit ${nameLimit * 5}) near
      order by onestop_name_score(search_name, ${typed.given}, ${typed.family}) desc limit ${nameLimit}))
      limit ${candidateLimit}`));
    sets.push(tagged('sounds_like', sql`select id from person where family_phonetic = dmetaphone(${typed.family})
      and (${typed.given} = '' or given_phonetic = dmetaphone(${typed.given})) and status = 'active' limit ${candidateLimit}`));
  }
  return sets;
}

export async function searchPeople(db: Queryable, query: SearchQuery, limit: number): Promise<SearchHit[]> {
  const sets = candidateQueries(query, true);
  if (sets.length === 0) return [];
  const typed = typedName(query) ?? { name: '', given: '', family: '' };
  const requirePostcode = query.postcode !== null;
  const requireDob = query.dob !== null;
  const byNameAlone = !query.postcode && !query.dob && typed.name !== '';
  const run = (runner: Queryable) => sql<{ id: number; reference: string; full_name: string | null; dob: string | null; address_line1: string | null; town: string | null; postcode: string | null; score: number; tags: string[] }>`
    with candidates as (${sql.join(sets, sql` union all `)}),
    grouped as (select id, array_agg(distinct tag) as tags from candidates group by id)
    select p.id, p.reference, p.full_name, p.dob, p.address_line1, p.town, p.postcode, g.tags,
      (case when ${typed.name} = '' then 0 else onestop_name_score(p.search_name, ${typed.given}, ${typed.family}) end
        + case when 'sounds_like' = any(g.tags) then 0.15 else 0 end
        + case when g.tags && array['reference','ni_number','phone','email','uprn','source_reference'] then 1 else 0 end
        + case when ${query.dob}::date is not null and p.dob = ${query.dob}::date then 0.3 else 0 end
        + case when ${query.postcode}::text is not null and p.postcode = ${query.postcode}::text then 0.3 else 0 end)::float8 as score
    from grouped g join person p on p.id = g.id
    where p.status = 'active'
      and (${!requirePostcode} or 'postcode' = any(g.tags))
      and (${!requireDob} or p.dob = ${query.dob}::date
           or exists (select 1 from person_link l join source_record r on r.id = l.source_record_id
                      where l.person_id = p.id and l.unlinked_at is null and r.dob = ${query.dob}::date))
      and (${typed.name} = '' or g.tags && array['reference','ni_number','phone','email','uprn','source_reference','name','sounds_like']
           or onestop_name_score(p.search_name, ${typed.given}, ${typed.family}) >= 0.4)
    order by score desc, p.family_name, p.given_name, p.id
    limit ${limit}`.execute(runner);
  // The planner's default costs suit spinning disks and misjudge pg_trgm's selectivity, so at some table sizes it
  // scans every name instead of using the trigram index. Costs for solid-state storage keep it there; the setting
  // needs a transaction of its own, which the other searches can do without.
  const rows = byNameAlone
    ? await withTransaction(db, async (tx) => { await sql`set local random_page_cost = 1.1`.execute(tx); return run(tx); })
    : await run(db);
  return rows.rows.map((row) => ({
    personId: Number(row.id), reference: row.reference, fullName: row.full_name, dob: row.dob, addressLine1: row.address_line1,
    town: row.town, postcode: row.postcode, score: Number(row.score), matchedOn: row.tags,
  }));
}
