import fs from 'node:fs';
import { once } from 'node:events';
import { csvLine } from '../shared/csv.ts';

export type Reject = { line: number; reason: string; text: string };

// The rejects file: every row an import could not take, with its line number, the reason and the original line.
export function createRejectsWriter(path: string) {
  let stream: fs.WriteStream | undefined;
  let count = 0;

  async function write(rejects: readonly Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    if (!stream) {
      stream = fs.createWriteStream(path, { encoding: 'utf8' });
      stream.write(csvLine(['line', 'reason', 'original_line']));
    }
    for (const reject of rejects) {
      count++;
      if (!stream.write(csvLine([reject.line, reject.reason, reject.text]))) await once(stream, 'drain');
    }
  }

  async function close(): Promise<void> {
    if (!stream) {
      // An earlier run's rejects would mislead: this run had none.
      await fs.promises.rm(path, { force: true });
      return;
    }
    stream.end();
    await once(stream, 'finish');
  }

  return { write, close, count: () => count, path };
}
