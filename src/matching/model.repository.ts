import type { Queryable } from '../db/connection.ts';
import { parseModel, type Model } from './engine/model.ts';

// Learnt models, saved and versioned: the current one is what imports and live matching score with.

export type StoredModel = { version: number; trainedAt: Date; recordCount: number; model: Model };

export async function saveCurrentModel(db: Queryable, model: Model): Promise<number> {
  await db.updateTable('match_model').set({ is_current: false }).where('is_current', '=', true).execute();
  const row = await db.insertInto('match_model')
    .values({ record_count: model.recordCount, model: JSON.stringify(model), is_current: true, trained_at: new Date(model.trainedAt) })
    .returning('version').executeTakeFirstOrThrow();
  return row.version;
}

export async function findCurrentModel(db: Queryable): Promise<StoredModel | undefined> {
  const row = await db.selectFrom('match_model').selectAll().where('is_current', '=', true).executeTakeFirst();
  if (!row) return undefined;
  return { version: row.version, trainedAt: row.trained_at, recordCount: row.record_count, model: parseModel(row.model) };
}

export async function listModels(db: Queryable, limit = 20): Promise<Array<Omit<StoredModel, 'model'> & { isCurrent: boolean }>> {
  const rows = await db.selectFrom('match_model').select(['version', 'trained_at', 'record_count', 'is_current']).orderBy('version', 'desc').limit(limit).execute();
  return rows.map((row) => ({ version: row.version, trainedAt: row.trained_at, recordCount: row.record_count, isCurrent: row.is_current }));
}
