// A forgiving, line-oriented CSV reader. Unlike a whole-stream parser, a stray quote costs one row, not the rest of
// the file: a record whose quotes never close within a few lines is reported alone and reading resumes after it.

export type CsvRecord =
  | { line: number; text: string; fields: string[] }
  | { line: number; text: string; error: string };

const quote = 34;
/** A quoted value may run over this many physical lines before the row is judged broken. */
const maxLinesPerRecord = 20;

/** True when the text ends inside a quoted value. Only a quote that opens a value counts: O"Brien is text. */
export function hasOpenQuote(text: string, delimiter: string): boolean {
  if (text.indexOf('"') === -1) return false;
  const separator = delimiter.charCodeAt(0);
  let inQuotes = false;
  let atFieldStart = true;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inQuotes) {
      if (code !== quote) continue;
      if (text.charCodeAt(index + 1) === quote) { index++; continue; }
      inQuotes = false;
    } else if (code === separator || code === 10) {
      atFieldStart = true;
      continue;
    } else if (code === quote && atFieldStart) {
      inQuotes = true;
    }
    atFieldStart = false;
  }
  return inQuotes;
}

/** Splits one record into fields (RFC 4180), leniently: a quote inside an unquoted value is kept as text. */
export function splitCsvRecord(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  const separator = delimiter.charCodeAt(0);
  let index = 0;
  const length = text.length;
  while (true) {
    if (index < length && text.charCodeAt(index) === quote) {
      let value = '';
      index++;
      while (index < length) {
        const next = text.indexOf('"', index);
        if (next === -1) { value += text.slice(index); index = length; break; }
        value += text.slice(index, next);
        if (text.charCodeAt(next + 1) === quote) { value += '"'; index = next + 2; continue; }
        index = next + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept rather than lost.
      const end = text.indexOf(delimiter, index);
      const stop = end === -1 ? length : end;
      value += text.slice(index, stop);
      fields.push(value);
      index = stop;
    } else {
      const end = text.indexOf(delimiter, index);
      const stop = end === -1 ? length : end;
      fields.push(text.slice(index, stop));
      index = stop;
    }
    if (index >= length || text.charCodeAt(index) !== separator) break;
    index++;
    if (index === length) { fields.push(''); break; }
  }
  return fields;
}

/** Yields the physical lines of decoded text chunks, numbered from 1, without their line endings. */
export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let pending = '';
  let line = 0;
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n', start); end !== -1; end = pending.indexOf('\n', start)) {
      const text = pending.charCodeAt(end - 1) === 13 && end > start ? pending.slice(start, end - 1) : pending.slice(start, end);
      yield { line: ++line, text };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  if (pending !== '') yield { line: ++line, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}

/** Yields records: a row, or a row that could not be read with the reason. Blank lines are skipped. */
export async function* readCsvRecords(lines: AsyncIterable<{ line: number; text: string }>, delimiter: string): AsyncGenerator<CsvRecord> {
  const queue: Array<{ line: number; text: string }> = [];
  const iterator = lines[Symbol.asyncIterator]();
  let exhausted = false;
  const next = async () => {
    if (queue.length > 0) return queue.shift();
    if (exhausted) return undefined;
    const result = await iterator.next();
    if (result.done) { exhausted = true; return undefined; }
    return result.value;
  };
  for (let first = await next(); first !== undefined; first = await next()) {
    if (first.text.trim() === '') continue;
    if (!hasOpenQuote(first.text, delimiter)) {
      yield { line: first.line, text: first.text, fields: splitCsvRecord(first.text, delimiter) };
      continue;
    }
    const taken: Array<{ line: number; text: string }> = [];
    let text = first.text;
    let closed = false;
    while (taken.length < maxLinesPerRecord - 1) {
      const following = await next();
      if (following === undefined) break;
      taken.push(following);
      text += `\n${following.text}`;
      if (!hasOpenQuote(text, delimiter)) { closed = true; break; }
    }
    if (closed) {
      yield { line: first.line, text, fields: splitCsvRecord(text, delimiter) };
    } else {
      yield { line: first.line, text: first.text, error: 'a quoted value is never closed' };
      queue.unshift(...taken);
    }
  }
}
