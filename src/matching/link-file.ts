import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { fieldCount, fieldSpecs } from './engine/fields.ts';
import { runLinkage, type LinkProgress } from './engine/link.ts';
import type { LinkInput } from './engine/prepare.ts';
import { bandNames, fieldWeights } from './engine/score.ts';
import { openExtract } from '../sources/extract-file.ts';
import { compileMapping, parseMapping } from '../sources/mapping.ts';
import { standardiseRow } from '../sources/standardise.ts';
import { csvLine } from '../shared/csv.ts';

// `onestop link`: links a file of canonical source-extract rows with no database, writing the person each
// row belongs to, and optionally the scored pairs with their evidence. Reading is lenient: a value that
// cannot be read becomes null (and is counted), so one bad date does not lose a row; rows without a
// source_id are skipped and counted.

export type LinkFileOptions = {
  input: string;
  output: string;
  /** Where to write the scored pairs in the review and link bands, with each field's level and weight. */
  explain?: string;
  /** A mapping file for an extract whose columns are not already the canonical ones. */
  mapping?: string;
  onProgress?: LinkProgress;
};

export type LinkFileCounts = {
  /** Data rows read. */
  rows: number;
  linkedRows: number;
  skippedWithoutSourceId: number;
  /** Rows that could not be split into values (a broken quote, the wrong number of values). */
  unreadableRows: number;
  /** Values that could not be read and were taken as empty, and the rows that had any. */
  unreadableValues: number;
  rowsWithUnreadableValues: number;
  persons: number;
  automaticLinks: number;
  reviewPairs: number;
  explainedPairs: number;
};

export type ReadRows = { records: LinkInput[]; counts: Pick<LinkFileCounts, 'rows' | 'skippedWithoutSourceId' | 'unreadableRows' | 'unreadableValues' | 'rowsWithUnreadableValues'> };

export async function readRows(input: string, mappingPath: string | undefined, onProgress?: LinkProgress): Promise<ReadRows> {
  const mapping = parseMapping(mappingPath ? JSON.parse(await readFile(mappingPath, 'utf8')) : {});
  const extract = await openExtract(input, { delimiter: mapping.delimiter });
  const { read } = compileMapping(mapping, extract.headers);
  const options = { dateFormat: mapping.dateFormat, nameFormat: mapping.nameFormat, earliestYear: mapping.earliestYear };
  const defaultSystem = path.basename(input).replace(/\.[^.]*$/, '');
  const today = new Date();
  const counts = { rows: 0, skippedWithoutSourceId: 0, unreadableRows: 0, unreadableValues: 0, rowsWithUnreadableValues: 0 };
  const records: LinkInput[] = [];
  const width = extract.headers.length;
  const values: Record<string, string> = {};
  for await (const record of extract.records) {
    counts.rows++;
    if (counts.rows % 50_000 === 0) onProgress?.('read', extract.bytesRead(), extract.totalBytes);
    if ('error' in record || record.fields.length !== width) { counts.unreadableRows++; continue; }
    for (let index = 0; index < width; index++) {
      const value = record.fields[index] ?? '';
      values[extract.headers[index] ?? ''] = mapping.trim ? value.trim() : value;
    }
    const row = read(values);
    const sourceId = row.source_id?.trim() ?? '';
    if (sourceId === '') { counts.skippedWithoutSourceId++; continue; }
    const lenient = { unreadable: [] as string[] };
    const result = standardiseRow(row, options, today, lenient);
    if (!result.ok) { counts.unreadableRows++; continue; }
    if (lenient.unreadable.length > 0) { counts.unreadableValues += lenient.unreadable.length; counts.rowsWithUnreadableValues++; }
    records.push({ sourceSystem: row.source_system?.trim() || defaultSystem, sourceId, fields: result.fields });
  }
  return { records, counts };
}

const needsQuotes = /[",\r\n]/;

/** Quotes a value for a linker input file (the benchmark writes them). Files people open go through csvCell. */
export function csvValue(value: string | number): string {
  const text = String(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes lines in chunks, waiting when the stream is behind. */
async function writeLines(stream: WriteStream, lines: Iterable<string>): Promise<void> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length < 10_000) continue;
    if (!stream.write(`${chunk.join('\n')}\n`)) await once(stream, 'drain');
    chunk = [];
  }
  if (chunk.length > 0) stream.write(`${chunk.join('\n')}\n`);
  stream.end();
  await once(stream, 'finish');
}

/** A person id that stays the same while a cluster keeps its first record (by system and source id). */
function personIds(records: readonly LinkInput[], clusters: Int32Array): string[] {
  const first = new Map<number, string>();
  records.forEach((record, index) => {
    const key = `${record.sourceSystem}\u0000${record.sourceId}`;
    const cluster = clusters[index] ?? 0;
    const known = first.get(cluster);
    if (known === undefined || key < known) first.set(cluster, key);
  });
  const ids = new Map<number, string>();
  for (const [cluster, key] of first) ids.set(cluster, `P${createHash('sha1').update(key).digest('hex').slice(0, 12)}`);
  return records.map((_, index) => ids.get(clusters[index] ?? 0) ?? '');
}

function* clusterLines(records: readonly LinkInput[], ids: readonly string[]): Generator<string> {
  yield 'source_system,source_id,person_id';
  for (let index = 0; index < records.length; index++) {
    const record = records[index];
    // Source ids come from the council's files: one starting "=" would run as a formula in a spreadsheet.
    if (record) yield csvLine([record.sourceSystem, record.sourceId, ids[index] ?? '']).slice(0, -1);
  }
}

function round(value: number, places: number): number {
  return Number(value.toFixed(places));
}

type Linkage = Awaited<ReturnType<typeof runLinkage>>;

function* explainLines(records: readonly LinkInput[], linkage: Linkage): Generator<string> {
  const { result, scorer } = linkage;
  const header = ['a_source_system', 'a_source_id', 'b_source_system', 'b_source_id', 'weight', 'probability', 'band'];
  for (const spec of fieldSpecs) header.push(`${spec.name}_level`, `${spec.name}_weight`);
  yield csvLine(header).slice(0, -1);
  const weights = new Float64Array(fieldCount);
  const adjustments = new Float64Array(fieldCount);
  const { pairs } = result;
  for (let pair = 0; pair < pairs.a.length; pair++) {
    const band = pairs.band[pair] ?? 0;
    if (band === 0) continue;
    const a = pairs.a[pair] ?? 0;
    const b = pairs.b[pair] ?? 0;
    fieldWeights(scorer, a, b, pairs.levels, pair * fieldCount, weights, adjustments);
    // Weights are numbers, so a negative one stays a number; every text cell goes through csvCell.
    const line: Array<string | number> = [records[a]?.sourceSystem ?? '', records[a]?.sourceId ?? '', records[b]?.sourceSystem ?? '', records[b]?.sourceId ?? '',
      round(pairs.weight[pair] ?? 0, 2), round(pairs.probability[pair] ?? 0, 6), bandNames[band] ?? ''];
    fieldSpecs.forEach((spec, f) => {
      const level = pairs.levels[pair * fieldCount + f] ?? 0;
      line.push(level === 0 ? 'not on both' : spec.levels[level - 1] ?? '', round(weights[f] ?? 0, 2));
    });
    yield csvLine(line).slice(0, -1);
  }
}

/** Links the rows of `input` and writes `source_system,source_id,person_id` for each to `output`. */
export async function linkFile(options: LinkFileOptions): Promise<LinkFileCounts> {
  const { records, counts } = await readRows(options.input, options.mapping, options.onProgress);
  const linkage = await runLinkage(records, { onProgress: options.onProgress });
  const { result } = linkage;
  options.onProgress?.('write', 0, records.length);
  await writeLines(createWriteStream(options.output), clusterLines(records, personIds(records, result.clusters)));
  let explainedPairs = 0;
  if (options.explain) {
    result.pairs.band.forEach((band) => { if (band > 0) explainedPairs++; });
    await writeLines(createWriteStream(options.explain), explainLines(records, linkage));
  }
  return {
    ...counts, linkedRows: records.length, persons: result.stats.clusters, automaticLinks: result.stats.automaticLinks,
    reviewPairs: result.stats.reviewPairs, explainedPairs,
  };
}
