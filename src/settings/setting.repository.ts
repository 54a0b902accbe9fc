import type { Queryable } from '../db/connection.ts';

// Small settings that belong with the data rather than the environment (for example, that demo data was loaded).

export async function readSetting<T>(db: Queryable, key: string): Promise<T | undefined> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : undefined;
}

export async function writeSetting(db: Queryable, key: string, value: object): Promise<void> {
  await db.insertInto('setting').values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}
