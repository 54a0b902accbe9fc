import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { tempDir } from '../../test-support.ts';
import { runOnestop } from '../cli.test-support.ts';

// The One Stop Shop commands, spawned as an administrator runs them, on an embedded database of their own.

describe('onestop shop commands', { concurrency: false, timeout: 300_000 }, () => {
  const data = tempDir('onestop-cli-shop-');
  const run = (args: string[]) => runOnestop(['--data', data, ...args]);
  after(() => fs.rmSync(data, { recursive: true, force: true }));

  it('lists the default shop, replaces the list, and refuses a shop with no desks, changing nothing', async () => {
    assert.equal((await run(['shop', 'list'])).stdout, 'Town Hall One Stop Shop (3 desks)\n');
    const set = await run(['shop', 'set', 'Town Hall One Stop Shop=4', 'Central Library One Stop Shop=1']);
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, 'One Stop Shops: Town Hall One Stop Shop (4 desks), Central Library One Stop Shop (1 desk).\n');
    const refused = await run(['shop', 'set', 'Market Hall=0']);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /^onestop: A One Stop Shop has at least 1 desk\n$/);
    assert.equal((await run(['shop', 'list'])).stdout, 'Town Hall One Stop Shop (4 desks)\nCentral Library One Stop Shop (1 desk)\n');
  });
});
