import { createHash } from 'node:crypto';
import { nameKey } from '../matching/keys.ts';
import type { OpenedExtract } from './extract-file.ts';
import type { RowReader } from './mapping.ts';
import type { Reject } from './rejects.ts';
import type { ImportCounts, RecordWrite, SourceSystem } from './source.ts';
import type { CanonicalRow, ParseOptions } from './source-record.ts';
import { hasIdentity, standardiseRow } from './standardise.ts';

// Pure work on one batch of extract rows: standardise, reject what cannot be taken, fingerprint what can.

export type ExtractRow = { line: number; text: string; raw: Record<string, string>; canonical: CanonicalRow };
export type PreparedRow = { line: number; text: string; write: Omit<RecordWrite, 'uprnSource'> };

export type SystemResolver = (code: string) => SourceSystem | { error: string };

export function prepareRows(
  rows: readonly ExtractRow[],
  options: ParseOptions & { defaultSystem: string | undefined; today: Date },
  resolveSystem: SystemResolver,
  /**
   * The previous batch's source ids (and their lines). It may still be being written beside this one, so the
   * database cannot yet say it holds them: without this, whichever batch committed first would keep its row,
   * and a later line of the file could win over an earlier one. Batches before it are already written.
   */
  previousBatch: ReadonlyMap<string, number> = new Map(),
): { prepared: PreparedRow[]; rejects: Reject[]; firstLine: Map<string, number> } {
  const prepared: PreparedRow[] = [];
  const rejects: Reject[] = [];
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const reject = (reason: string) => rejects.push({ line: row.line, reason, text: row.text });
    const sourceId = row.canonical.source_id?.trim() ?? '';
    if (sourceId === '') { reject('the row has no source_id'); continue; }
    const code = row.canonical.source_system?.trim().toLowerCase() || options.defaultSystem;
    if (!code) { reject('the row does not say which source system it comes from'); continue; }
    const system = resolveSystem(code);
    if ('error' in system) { reject(system.error); continue; }
    const result = standardiseRow(row.canonical, options, options.today);
    if (!result.ok) { reject(result.reason); continue; }
    if (!hasIdentity(result.fields)) { reject('the row has no name'); continue; }
    const duplicateKey = `${system.id}\u0000${sourceId}`;
    const earlier = previousBatch.get(duplicateKey) ?? firstLine.get(duplicateKey);
    if (earlier !== undefined) { reject(`source_id ${sourceId} appears more than once in this file (first on line ${earlier})`); continue; }
    firstLine.set(duplicateKey, row.line);
    prepared.push({
      line: row.line,
      text: row.text,
      write: { sourceSystemId: system.id, sourceId, raw: row.raw, rowHash: rowHash(row.raw, result.fields), fields: result.fields, nameKey: nameKey(result.fields) },
    });
  }
  return { prepared, rejects, firstLine };
}

/** Changes when either what the system sent or what OneStop makes of it changes. */
export function rowHash(raw: Record<string, string>, fields: object): string {
  return createHash('md5').update(JSON.stringify(raw)).update('\u0000').update(JSON.stringify(fields)).digest('base64url');
}

const batchSize = 5_000;

/** Reads the extract in batches of rows, with the rows that cannot even be split into the header's columns. */
export async function* readBatches(extract: OpenedExtract, read: RowReader, trim: boolean): AsyncGenerator<{ rows: ExtractRow[]; rejects: Reject[] }> {
  const width = extract.headers.length;
  let rows: ExtractRow[] = [];
  let rejects: Reject[] = [];
  for await (const record of extract.records) {
    if ('error' in record) rejects.push({ line: record.line, reason: record.error, text: record.text });
    else if (record.fields.length !== width) rejects.push({ line: record.line, reason: `the row has ${record.fields.length} values where the header has ${width} columns`, text: record.text });
    else if (record.text.includes('\uFFFD')) rejects.push({ line: record.line, reason: 'the row has characters that are not valid in the file’s encoding', text: record.text });
    else {
      // raw keeps the values exactly as sent; the mapping reads them trimmed when it says so.
      const raw: Record<string, string> = {};
      const values: Record<string, string> = {};
      for (let index = 0; index < width; index++) {
        const header = extract.headers[index] ?? `column_${index + 1}`;
        const value = record.fields[index] ?? '';
        raw[header] = value;
        values[header] = trim ? value.trim() : value;
      }
      rows.push({ line: record.line, text: record.text, raw, canonical: read(values) });
    }
    if (rows.length + rejects.length >= batchSize) {
      yield { rows, rejects };
      rows = [];
      rejects = [];
    }
  }
  if (rows.length + rejects.length > 0) yield { rows, rejects };
}


export function addCounts(total: ImportCounts, delta: ImportCounts): void {
  for (const key of Object.keys(total) as Array<keyof ImportCounts>) total[key] += delta[key];
}

