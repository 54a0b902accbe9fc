import type { Db, Queryable } from '../db/connection.ts';
import { explainPair, scoreCandidates, type Explanation } from './engine/explain.ts';
import { recordsById } from './review.repository.ts';
import type { Model } from './engine/model.ts';
import type { LinkInput } from './engine/prepare.ts';
import { findCandidatePersons, recordsOfPersons } from './candidates.repository.ts';
import { findCurrentModel } from './model.repository.ts';

export type MatchService = ReturnType<typeof createMatchService>;

export type PersonMatch = {
  personId: number;
  /** The person's record that matched best, and how well. */
  sourceRecordId: number;
  weight: number;
  probability: number;
  band: Explanation['band'];
  explanation: Explanation;
};

export type CurrentModel = { version: number; model: Model };

// Who a record might be: candidates from the database's indexes, scored with the council's current model. The same
// code serves imports, the live match API and (later) contacts. It never writes.
export function createMatchService({ db }: { db: Db }) {
  let cached: CurrentModel | undefined;

  /** The current model, read again only when a relink has saved a newer one. */
  async function currentModel(runner: Queryable = db): Promise<CurrentModel | undefined> {
    const row = await runner.selectFrom('match_model').select('version').where('is_current', '=', true).executeTakeFirst();
    if (!row) return undefined;
    if (cached?.version !== row.version) {
      const stored = await findCurrentModel(runner);
      cached = stored ? { version: stored.version, model: stored.model } : undefined;
    }
    return cached;
  }

  /** For each input, the persons it might be, best first (a person counts by its best-matching record). */
  async function matchRecords(runner: Queryable, model: Model, inputs: ReadonlyArray<LinkInput>, options: { exclude?: (index: number, personId: number) => boolean } = {}): Promise<PersonMatch[][]> {
    const candidates = await findCandidatePersons(runner, inputs.map((input) => input.fields));
    const records = await recordsOfPersons(runner, [...new Set([...candidates.values()].flat())]);
    const byPerson = new Map<number, typeof records>();
    for (const record of records) {
      const list = byPerson.get(record.personId);
      if (list) list.push(record);
      else byPerson.set(record.personId, [record]);
    }
    return inputs.map((input, index) => {
      const persons = (candidates.get(index) ?? []).filter((personId) => !options.exclude?.(index, personId));
      const theirs = persons.flatMap((personId) => byPerson.get(personId) ?? []);
      if (theirs.length === 0) return [];
      const best = new Map<number, PersonMatch>();
      for (const ranked of scoreCandidates(model, input, theirs.map((record) => record.input))) {
        const record = theirs[ranked.index];
        if (!record || best.has(record.personId)) continue;
        best.set(record.personId, { personId: record.personId, sourceRecordId: record.sourceRecordId, weight: ranked.weight, probability: ranked.probability, band: ranked.band, explanation: ranked.explanation });
      }
      return [...best.values()];
    });
  }

  /** Why two held records were judged one person, with the current model; undefined before any model is learnt. */
  async function explainRecords(recordId: number, otherId: number): Promise<Explanation | undefined> {
    const current = await currentModel();
    if (!current) return undefined;
    const records = await recordsById(db, [recordId, otherId]);
    const [a, b] = [records.get(recordId), records.get(otherId)];
    if (!a || !b) return undefined;
    return explainPair(current.model, { sourceSystem: a.systemCode, sourceId: a.sourceId, fields: a.fields }, { sourceSystem: b.systemCode, sourceId: b.sourceId, fields: b.fields });
  }

  return { currentModel, matchRecords, explainRecords };
}
