import { z } from 'zod';
import { canonicalColumns, type CanonicalColumn, type CanonicalRow } from './source-record.ts';

// A mapping file says how another extract's columns and formats become OneStop's canonical columns.
const columnSource = z.union([
  z.string().min(1).describe('one column of the extract'),
  z.array(z.string().min(1)).min(1).describe('several columns, joined with a space, blanks skipped'),
  z.object({ join: z.array(z.string().min(1)).min(1), separator: z.string() }).strict(),
  z.object({ year: z.string().min(1), month: z.string().min(1), day: z.string().min(1) }).strict()
    .describe('a date held in three columns'),
]);
export type ColumnSource = z.infer<typeof columnSource>;

export const mappingSchema = z.object({
  description: z.string().optional(),
  /** Omitted: the delimiter is worked out from the header row. */
  delimiter: z.string().length(1).optional(),
  /** Trim spaces around every value (FEBRL's files separate values with ", "). */
  trim: z.boolean().default(true),
  columns: z.partialRecord(z.enum(canonicalColumns), columnSource).default({}),
  constants: z.partialRecord(z.enum(canonicalColumns), z.string()).default({}),
  dateFormat: z.enum(['auto', 'iso', 'dmy', 'mdy', 'ymd']).default('auto'),
  nameFormat: z.enum(['auto', 'given_family', 'family_comma_given', 'family_given']).default('auto'),
  /** The earliest year of birth the extract can hold: a council's residents 1880 (earlier is a typing slip); a register of historical people much earlier. */
  earliestYear: z.number().int().min(1).max(2100).default(1880),
}).strict();

export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

export function parseMapping(input: unknown): Mapping {
  const result = mappingSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new Error(`The mapping file is not valid${where}: ${issue?.message ?? 'unknown problem'}.`);
}

/** Folds a header into a canonical column name: "Given Name" and "given-name" both become given_name. */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s\-.]+/g, '_');
}

export type RowReader = (values: Record<string, string>) => CanonicalRow;

/**
 * Builds the function that turns one extract row (header to value) into canonical columns. Without
 * explicit columns, headers that already name a canonical column are used as they are.
 */
export function compileMapping(mapping: Mapping, headers: readonly string[]): { read: RowReader; missing: string[] } {
  const explicit = Object.entries(mapping.columns) as Array<[CanonicalColumn, ColumnSource]>;
  const sources: Array<[CanonicalColumn, ColumnSource]> = explicit.length > 0 ? explicit : guessColumns(headers);
  const known = new Set(headers);
  const missing = sources.flatMap(([, source]) => sourceColumns(source).filter((column) => !known.has(column)));
  const constants = Object.entries(mapping.constants) as Array<[CanonicalColumn, string]>;
  const read: RowReader = (values) => {
    const row: CanonicalRow = {};
    for (const [column, value] of constants) row[column] = value;
    for (const [column, source] of sources) {
      const value = readSource(source, values);
      if (value !== '') row[column] = value;
    }
    return row;
  };
  return { read, missing };
}

function guessColumns(headers: readonly string[]): Array<[CanonicalColumn, ColumnSource]> {
  const canonical = new Set<string>(canonicalColumns);
  return headers.flatMap((header) => {
    const name = normaliseHeader(header);
    return canonical.has(name) ? [[name as CanonicalColumn, header] as [CanonicalColumn, ColumnSource]] : [];
  });
}

function sourceColumns(source: ColumnSource): string[] {
  if (typeof source === 'string') return [source];
  if (Array.isArray(source)) return source;
  if ('join' in source) return source.join;
  return [source.year, source.month, source.day];
}

function readSource(source: ColumnSource, values: Record<string, string>): string {
  if (typeof source === 'string') return values[source] ?? '';
  if (Array.isArray(source)) return joinValues(source, values, ' ');
  if ('join' in source) return joinValues(source.join, values, source.separator);
  const year = values[source.year] ?? '';
  const month = values[source.month] ?? '';
  const day = values[source.day] ?? '';
  if (year === '' || month === '' || day === '') return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function joinValues(columns: readonly string[], values: Record<string, string>, separator: string): string {
  return columns.map((column) => values[column] ?? '').filter((value) => value !== '').join(separator);
}
