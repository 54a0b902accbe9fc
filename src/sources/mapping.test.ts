import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { compileMapping, parseMapping } from './mapping.ts';
import { splitCsvRecord } from './csv-lines.ts';

const root = path.resolve(import.meta.dirname, '../..');
const linkage = path.resolve(root, '../shared/data/linkage');

// Each shipped mapping, and the public dataset files it is meant to read.
const shipped: Array<[string, string[]]> = [
  ['febrl.json', ['febrl1/dataset1.csv', 'febrl2/dataset2.csv', 'febrl3/dataset3.csv', 'febrl4/dataset4a.csv', 'febrl4/dataset4b.csv']],
  ['rldata.json', ['rldata500/RLdata500.csv', 'rldata10000/RLdata10000.csv']],
  ['splink-fake.json', ['splink_fake_1000/fake_1000.csv', 'splink_fake_20000/fake_20000.csv']],
  ['splink-historical.json', ['splink_historical_50k/historical_figures_with_errors_50k.csv']],
  ['pseudopeople-census.json', ['pseudopeople_anytown/decennial_census.csv', 'pseudopeople_anytown/women_infants_and_children.csv']],
  ['pseudopeople-survey.json', ['pseudopeople_anytown/american_community_survey.csv', 'pseudopeople_anytown/current_population_survey.csv']],
  ['pseudopeople-social-security.json', ['pseudopeople_anytown/social_security.csv']],
];

describe('mapping files', () => {
  it('ships a tested mapping for every mapping file in mappings/', () => {
    const files = fs.readdirSync(path.join(root, 'mappings')).filter((file) => file.endsWith('.json')).sort();
    assert.deepEqual(files, shipped.map(([file]) => file).sort());
  });

  for (const [file, datasets] of shipped) {
    it(`reads every column ${file} names from its datasets' headers`, (t) => {
      const mapping = parseMapping(JSON.parse(fs.readFileSync(path.join(root, 'mappings', file), 'utf8')));
      if (!fs.existsSync(linkage)) return t.skip('the public linkage datasets are not on this machine');
      for (const dataset of datasets) {
        const header = fs.readFileSync(path.join(linkage, dataset), 'utf8').split(/\r?\n/, 1)[0] ?? '';
        const headers = splitCsvRecord(header, mapping.delimiter ?? ',').map((name) => name.trim());
        assert.deepEqual(compileMapping(mapping, headers).missing, [], dataset);
      }
    });
  }

  it('reads canonical headers without a mapping, whatever their case and spacing', () => {
    const { read } = compileMapping(parseMapping({}), ['Source ID', 'GIVEN-NAME', 'family_name', 'Other']);
    assert.deepEqual(read({ 'Source ID': '1', 'GIVEN-NAME': 'Ann', family_name: 'Lee', Other: 'x' }), { source_id: '1', given_name: 'Ann', family_name: 'Lee' });
  });

  it('joins several columns and composes a date from three', () => {
    const mapping = parseMapping({ columns: { source_id: { join: ['a', 'b'], separator: '-' }, address_line1: ['n', 's'], dob: { year: 'y', month: 'm', day: 'd' } } });
    const { read } = compileMapping(mapping, ['a', 'b', 'n', 's', 'y', 'm', 'd']);
    assert.deepEqual(read({ a: '1', b: '2020', n: '4', s: 'High St', y: '1949', m: '7', d: '2' }), { source_id: '1-2020', address_line1: '4 High St', dob: '1949-07-02' });
  });

  it('refuses a mapping that names an unknown canonical column', () => {
    assert.throws(() => parseMapping({ columns: { surname: 'x' } }), /mapping file is not valid at columns/);
  });
});
