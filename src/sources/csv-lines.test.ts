import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readCsvRecords, readLines, splitCsvRecord, type CsvRecord } from './csv-lines.ts';

async function* chunks(...parts: string[]) {
  yield* parts;
}

async function records(text: string, delimiter = ','): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords(readLines(chunks(text)), delimiter)) out.push(record);
  return out;
}

describe('splitting a CSV record', () => {
  const cases: Array<[string, string, string[]]> = [
    ['plain values', 'a,b,c', ['a', 'b', 'c']],
    ['empty values', 'a,,c,', ['a', '', 'c', '']],
    ['a quoted comma', '"Smith, John",1', ['Smith, John', '1']],
    ['doubled quotes inside quotes', '"He said ""hi""",x', ['He said "hi"', 'x']],
    ['a quote inside an unquoted value', 'O"Brien,x', ['O"Brien', 'x']],
    ['text after a closing quote', '"x"y,z', ['xy', 'z']],
    ['a single empty value', '', ['']],
  ];
  for (const [name, text, expected] of cases) {
    it(`reads ${name}`, () => assert.deepEqual(splitCsvRecord(text, ','), expected));
  }
  it('reads another delimiter', () => assert.deepEqual(splitCsvRecord('a|"b|c"|d', '|'), ['a', 'b|c', 'd']));
});

describe('reading CSV records', () => {
  it('numbers physical lines and joins a quoted value that runs over two lines', async () => {
    const result = await records('h1,h2\r\n1,"two\r\nlines"\r\n3,4\r\n');
    assert.deepEqual(result.map((record) => record.line), [1, 2, 4]);
    assert.deepEqual(result[1], { line: 2, text: '1,"two\nlines"', fields: ['1', 'two\nlines'] });
  });

  it('reports a never-closed quote as one bad row and reads on from the next line', async () => {
    const text = ['h', '1', '"broken', ...Array.from({ length: 25 }, (_, index) => `row${index}`)].join('\n');
    const result = await records(text);
    assert.deepEqual(result[2], { line: 3, text: '"broken', error: 'a quoted value is never closed' });
    assert.equal(result.length, 28);
    assert.deepEqual(result[27], { line: 28, text: 'row24', fields: ['row24'] });
  });

  it('joins lines split across chunks and keeps a last line with no newline', async () => {
    const out: string[] = [];
    for await (const line of readLines(chunks('ab', 'c\nde', 'f'))) out.push(line.text);
    assert.deepEqual(out, ['abc', 'def']);
  });

  it('keeps a quote inside an unquoted value to its own row', async () => {
    const result = await records('h,x\nO"Brien,1\nSmith,2\n');
    assert.deepEqual(result.slice(1).map((record) => ('fields' in record ? record.fields : [])), [['O"Brien', '1'], ['Smith', '2']]);
  });

  it('skips blank lines', async () => {
    assert.equal((await records('a\n\n  \nb\n')).length, 2);
  });
});
