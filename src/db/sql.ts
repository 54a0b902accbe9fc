import { sql, type RawBuilder } from 'kysely';

/**
 * `column = any($1::bigint[])`: one parameter however many ids, where Kysely's `in` sends one per id and a batch of
 * thousands costs the server more to parse and plan than to run.
 */
export function idIn(column: string, ids: readonly number[]): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} = any(${[...ids]}::bigint[])`;
}
