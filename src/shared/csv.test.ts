import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csvCell, csvLine } from './csv.ts';

describe('CSV cells', () => {
  const cases: Array<[string, string | number | null, string]> = [
    ['plain text as it is', 'Smith', 'Smith'],
    ['a comma inside quotes', 'Smith, John', '"Smith, John"'],
    ['quotes doubled', 'say "hi"', '"say ""hi"""'],
    ['a formula neutralised', '=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['a leading plus neutralised', '+44 7700', "'+44 7700"],
    ['a leading at-sign neutralised', '@SUM(A1)', "'@SUM(A1)"],
    ['a leading tab neutralised', '\tx', "'\tx"],
    ['a number left as a number', -5, '-5'],
    ['null as empty', null, ''],
  ];
  for (const [name, input, expected] of cases) it(`writes ${name}`, () => assert.equal(csvCell(input), expected));

  it('ends a line with a newline', () => assert.equal(csvLine(['a', 1, null]), 'a,1,\n'));
});
