import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoExtracts } from './extracts.ts';
import { writeScaleExtracts, type ExtractProgress } from './scale.ts';

describe('writeScaleExtracts', () => {
  it('writes the same bytes as the in-memory demo for the same seed, reporting progress as it goes', async () => {
    const options = { residents: 5000, seed: 13 };
    const demo = await mkdtemp(join(tmpdir(), 'onestop-demo-'));
    const scale = await mkdtemp(join(tmpdir(), 'onestop-scale-'));
    try {
      const expected = await writeDemoExtracts(demo, options);
      const progress: ExtractProgress[] = [];
      const extracts = await writeScaleExtracts(scale, options, (step) => progress.push(step));
      assert.deepEqual(extracts.map((extract) => extract.rows), expected.map((extract) => extract.rows));
      const names = (await readdir(demo)).sort();
      assert.deepEqual((await readdir(scale)).sort(), names);
      for (const name of names) assert.ok((await readFile(join(demo, name))).equals(await readFile(join(scale, name))), name);
      assert.ok(progress.length >= 2);
      assert.equal(progress.at(-1)?.residents, options.residents);
      const rows = extracts.reduce((total, extract) => total + extract.rows, 0);
      assert.equal(progress.at(-1)?.rows, rows);
      assert.ok(rows / options.residents >= 2 && rows / options.residents <= 3, `${rows / options.residents} rows a resident`);
    } finally {
      await rm(demo, { recursive: true, force: true });
      await rm(scale, { recursive: true, force: true });
    }
  });
});
