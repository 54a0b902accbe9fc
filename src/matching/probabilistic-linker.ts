import type { Tx } from '../db/connection.ts';
import { sql } from 'kysely';
import type { Model } from './engine/model.ts';
import { linkRecords } from './engine/link.ts';
import type { LinkInput } from './engine/prepare.ts';
import type { LinkDecision, LinkableRecord, Linker } from './linker.ts';
import type { MatchService } from './match.service.ts';

// The probabilistic linker behind the Linker seam: each record is scored against the persons the database finds
// for it, with the council's learnt model. Above the upper threshold it joins the best; between the thresholds it
// becomes a person of its own and the pair goes to review; below, it is someone new. Until a relink has learnt a
// model, the deterministic rules stand in.

export function createProbabilisticLinker({ matches, fallback }: { matches: MatchService; fallback: Linker }): Linker {
  return {
    name: 'probabilistic',
    async decide(tx, records) {
      const current = await matches.currentModel(tx);
      if (!current || records.length === 0) return fallback.decide(tx, records);
      const codes = new Map((await tx.selectFrom('source_system').select(['id', 'code']).execute()).map((row) => [row.id, row.code]));
      const inputs: LinkInput[] = records.map((record) => ({ sourceSystem: codes.get(record.sourceSystemId) ?? '', sourceId: String(record.sourceRecordId), fields: record.fields }));
      const refused = await refusedPersons(tx, records);
      const ranked = await matches.matchRecords(tx, current.model, inputs, { exclude: (index, personId) => refused.get(records[index]?.sourceRecordId ?? 0)?.has(personId) ?? false });
      const decisions: Array<LinkDecision | undefined> = ranked.map((candidates, index) => {
        const record = records[index];
        const best = candidates[0];
        if (!record || !best || best.band !== 'link') return undefined;
        return { sourceRecordId: record.sourceRecordId, kind: 'existing', personId: best.personId, method: 'probabilistic', score: best.probability, evidence: { modelVersion: current.version, withSourceRecordId: best.sourceRecordId, explanation: best.explanation } };
      });
      const unplaced = records.map((_, index) => index).filter((index) => decisions[index] === undefined);
      const groups = await groupWithinBatch(unplaced.map((index) => inputs[index] as LinkInput), current.model);
      const positionOf = new Map(unplaced.map((index, position) => [index, position]));
      return records.map((record, index): LinkDecision => {
        const decided = decisions[index];
        if (decided) return decided;
        const review = ranked[index]?.find((candidate) => candidate.band === 'review');
        return {
          sourceRecordId: record.sourceRecordId, kind: 'new', group: groups.get(positionOf.get(index) ?? -1) ?? index, method: 'probabilistic:new_person', score: null,
          evidence: { modelVersion: current.version },
          ...(review ? { review: { personId: review.personId, sourceRecordId: review.sourceRecordId, weight: review.weight, probability: review.probability, evidence: review.explanation, modelVersion: current.version } } : {}),
        };
      });
    },
  };
}

/** New records in one batch that are the same person (a system listing someone twice) join one new person. */
async function groupWithinBatch(inputs: readonly LinkInput[], model: Model): Promise<Map<number, number>> {
  const groups = new Map<number, number>();
  if (inputs.length < 2) return groups;
  const result = await linkRecords(inputs, { model, workers: 0 });
  result.clusters.forEach((cluster, index) => groups.set(index, -1 - cluster));
  return groups;
}

/** Persons a member of staff has said a record is not: any holding a record decided "different" from it. */
async function refusedPersons(tx: Tx, records: readonly LinkableRecord[]): Promise<Map<number, Set<number>>> {
  const ids = records.map((record) => record.sourceRecordId);
  const rows = await sql<{ record: number; person_id: number }>`
    select x.record, l.person_id from (
      select record_a as record, record_b as other from link_decision where decision = 'different' and record_a = any(${ids}::bigint[])
      union all
      select record_b, record_a from link_decision where decision = 'different' and record_b = any(${ids}::bigint[])
    ) x join person_link l on l.source_record_id = x.other and l.unlinked_at is null`.execute(tx);
  const refused = new Map<number, Set<number>>();
  for (const row of rows.rows) {
    const set = refused.get(Number(row.record)) ?? new Set<number>();
    set.add(Number(row.person_id));
    refused.set(Number(row.record), set);
  }
  return refused;
}
