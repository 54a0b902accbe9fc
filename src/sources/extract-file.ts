import fs from 'node:fs';
import { ValidationFailed } from '../errors.ts';
import { readCsvRecords, readLines, splitCsvRecord, type CsvRecord } from './csv-lines.ts';

// Opening an extract: is it text, in which encoding, with what delimiter and header row. Whatever makes the whole
// file unreadable is found here, before anything is written.

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type OpenedExtract = {
  encoding: Encoding;
  delimiter: string;
  headers: string[];
  headerLine: number;
  /** Rows after the header. */
  records: AsyncGenerator<CsvRecord>;
  bytesRead(): number;
  totalBytes: number;
  close(): void;
};

const sampleSize = 64 * 1024;

export function sniffEncoding(sample: Buffer): Encoding | 'binary' {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample.includes(0)) return 'binary';
  // Cut back to a character boundary before asking whether the sample is valid UTF-8.
  let end = sample.length;
  while (end > 0 && end > sample.length - 4 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  if (end > 0 && ((sample[end - 1] ?? 0) & 0x80) !== 0) end--;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    // Many council systems still export Windows code page 1252.
    return 'windows-1252';
  }
}

/** Picks the delimiter that splits the header into the most columns: comma, tab, semicolon or pipe. */
export function sniffDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', '\t', ';', '|']) {
    const count = splitCsvRecord(headerLine, candidate).length;
    if (count > bestCount) { best = candidate; bestCount = count; }
  }
  return best;
}

export async function openExtract(path: string, options: { delimiter?: string }): Promise<OpenedExtract> {
  const stat = await fs.promises.stat(path).catch(() => undefined);
  if (!stat?.isFile()) throw new ValidationFailed(`There is no file at ${path}.`);
  if (stat.size === 0) throw new ValidationFailed('The file is empty.');
  const handle = await fs.promises.open(path, 'r');
  const sample = Buffer.alloc(Math.min(sampleSize, stat.size));
  await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const encoding = sniffEncoding(sample);
  if (encoding === 'binary') throw new ValidationFailed('The file is not a text file: it looks like a spreadsheet or other binary file. Save it as CSV first.');
  let bytesRead = 0;
  const stream = fs.createReadStream(path, { highWaterMark: 1024 * 1024 });
  stream.on('data', (chunk) => { bytesRead += chunk.length; });
  const lines = readLines(decode(stream, encoding));
  const header = await firstRecord(lines, options.delimiter);
  if (!header) { stream.destroy(); throw new ValidationFailed('The file has no rows: not even a header row.'); }
  return {
    encoding,
    delimiter: header.delimiter,
    headers: header.headers,
    headerLine: header.line,
    records: readCsvRecords(lines, header.delimiter),
    bytesRead: () => bytesRead,
    totalBytes: stat.size,
    close: () => stream.destroy(),
  };
}

async function firstRecord(lines: AsyncGenerator<{ line: number; text: string }>, delimiter: string | undefined) {
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const text = next.value.text.replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    const chosen = delimiter ?? sniffDelimiter(text);
    return { line: next.value.line, delimiter: chosen, headers: splitCsvRecord(text, chosen).map((header) => header.trim()) };
  }
  return undefined;
}

async function* decode(stream: AsyncIterable<Buffer>, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  for await (const chunk of stream) yield decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** A header row names columns; one that holds dates, postcodes or long numbers is really the first row of data. */
export function looksLikeData(headers: readonly string[]): boolean {
  return headers.some((header) =>
    /^\d{1,4}[/-]\d{1,2}[/-]\d{1,4}$/.test(header) || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i.test(header) || /^\d{5,}$/.test(header) || header.includes('@'));
}
