import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { damerauLevenshtein, jaroWinkler } from './similarity.ts';

describe('jaroWinkler', () => {
  const cases: Array<[string, string, string, number]> = [
    ['matches the textbook value for a transposition', 'martha', 'marhta', 0.9611],
    ['matches the textbook value for Dwayne and Duane', 'dwayne', 'duane', 0.84],
    ['matches the textbook value for Dixon and Dicksonx', 'dixon', 'dicksonx', 0.8133],
    ['gives 1 for the same name', 'robert', 'robert', 1],
    ['gives 0 when no letters match', 'abc', 'xyz', 0],
    ['gives 0 against an empty name', 'abc', '', 0],
  ];
  for (const [name, a, b, expected] of cases) {
    it(name, () => assert.ok(Math.abs(jaroWinkler(a, b) - expected) < 1e-3, `${a}/${b}: ${jaroWinkler(a, b)}`));
  }
  it('is symmetric', () => assert.equal(jaroWinkler('kowalski', 'kowalska'), jaroWinkler('kowalska', 'kowalski')));
});

describe('damerauLevenshtein', () => {
  const cases: Array<[string, string, string, number]> = [
    ['counts a transposition of neighbours as one edit', 'abcd', 'acbd', 1],
    ['counts the classic kitten to sitting as three', 'kitten', 'sitting', 3],
    ['counts an insertion as one', 'jon', 'john', 1],
    ['counts a deletion as one', 'smith', 'smth', 1],
    ['is 0 for the same name', 'lee', 'lee', 0],
    ['uses optimal string alignment (ca to abc is 3)', 'ca', 'abc', 3],
  ];
  for (const [name, a, b, expected] of cases) it(name, () => assert.equal(damerauLevenshtein(a, b), expected));
  it('gives up early past the limit', () => assert.equal(damerauLevenshtein('alexander', 'bob', 1), 2));
});
