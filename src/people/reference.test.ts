import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference, referenceFor } from './reference.ts';

describe('person references', () => {
  it('round-trips every id it is given', () => {
    for (const id of [1, 2, 3, 999, 1_000_000, 27_512_614_110]) {
      assert.equal(parseReference(referenceFor(id))?.id, id);
    }
  });

  it('gives neighbouring ids unrelated-looking references', () => {
    const first = referenceFor(1000);
    const second = referenceFor(1001);
    let same = 0;
    for (let index = 0; index < first.length; index++) if (first[index] === second[index]) same++;
    assert.ok(same < 6, `${first} and ${second} share ${same} characters`);
  });

  it('reads a reference typed in lower case, without the hyphen, with O for zero', () => {
    const reference = referenceFor(4242);
    const typed = reference.toLowerCase().replace('-', '').replace(/0/g, 'o');
    assert.equal(parseReference(typed)?.reference, reference);
  });

  it('refuses a reference with one character mistyped', () => {
    const reference = referenceFor(77).replace('-', '');
    for (let index = 0; index < reference.length; index++) {
      const wrong = reference.slice(0, index) + (reference[index] === 'A' ? 'B' : 'A') + reference.slice(index + 1);
      assert.equal(parseReference(wrong), undefined, `accepted ${wrong}`);
    }
  });

  it('refuses text that is not a reference', () => {
    for (const text of ['', 'smith', 'L1 8JQ', '123456789']) assert.equal(parseReference(text), undefined);
  });

  it('gives a million ids a million different references', () => {
    const seen = new Set<string>();
    for (let id = 1; id <= 1_000_000; id += 7) seen.add(referenceFor(id));
    assert.equal(seen.size, Math.ceil(1_000_000 / 7));
  });
});

describe('reference check character', () => {
  it('refuses every swap of two neighbouring characters', () => {
    for (const id of [5, 123_456, 9_999_999]) {
      const reference = referenceFor(id).replace('-', '');
      for (let index = 0; index < reference.length - 1; index++) {
        if (reference[index] === reference[index + 1]) continue;
        const swapped = reference.slice(0, index) + reference[index + 1] + reference[index] + reference.slice(index + 2);
        assert.equal(parseReference(swapped), undefined, `accepted ${swapped} for ${reference}`);
      }
    }
  });
});
