import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

export type CsvDialect = { delimiter: string; lineEnding: '\n' | '\r\n' };

// Values are handed to the stream in chunks of about this many characters.
const chunkSize = 1 << 16;

/**
 * Writes one CSV file row by row (RFC 4180: a value holding the delimiter, a quote or a line break
 * is quoted, with quotes doubled). Rows are gathered into chunks and the caller awaits `drained()`
 * when the disk falls behind, so memory stays bounded however many rows are written.
 */
export class CsvFile {
  rows = 0;
  private buffer = '';
  private readonly stream: WriteStream;
  private readonly needsQuotes: RegExp;
  private waiting: Promise<unknown> | null = null;
  private failure: Error | null = null;

  constructor(readonly path: string, headers: readonly string[], private readonly dialect: CsvDialect) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error: Error) => { this.failure = error; });
    this.needsQuotes = new RegExp(`["\\r\\n${escapeForClass(dialect.delimiter)}]`);
    this.buffer = this.line(headers);
  }

  write(values: readonly string[]): void {
    this.rows += 1;
    this.buffer += this.line(values);
    if (this.buffer.length >= chunkSize) this.flush();
  }

  /** True when the caller should await `drained()` before writing more. */
  get isBehind(): boolean {
    return this.waiting !== null;
  }

  async drained(): Promise<void> {
    if (this.waiting) await this.waiting;
    this.waiting = null;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.flush();
    await this.drained();
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.buffer === '') return;
    const accepted = this.stream.write(this.buffer);
    this.buffer = '';
    if (!accepted && !this.waiting) this.waiting = once(this.stream, 'drain');
  }

  private line(values: readonly string[]): string {
    let line = '';
    for (let index = 0; index < values.length; index++) {
      if (index > 0) line += this.dialect.delimiter;
      line += quoteCsvValue(values[index] ?? '', this.needsQuotes);
    }
    return line + this.dialect.lineEnding;
  }
}

export function quoteCsvValue(value: string, needsQuotes: RegExp = /[",\r\n]/): string {
  return needsQuotes.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function escapeForClass(character: string): string {
  return character.replace(/[\\\]^-]/g, '\\$&');
}
