import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { createServices } from '../../deps.ts';
import { tempDir, testActor } from '../../test-support.ts';
import { runOnestop } from '../cli.test-support.ts';

// The case commands, spawned as someone at a terminal runs them, on an embedded database of their own.

describe('onestop case commands', { concurrency: false, timeout: 300_000 }, () => {
  const data = tempDir('onestop-cli-case-');
  const run = (args: string[]) => runOnestop(['--data', data, ...args]);
  let reference = '';

  before(async () => {
    // Raised two weeks ago, so that it is overdue now; closed again before the commands open the folder.
    const database = await openDatabase({ kind: 'embedded', dataDir: path.join(data, 'db') });
    await migrate(database);
    const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000);
    const services = createServices(database, { sessionHours: 8 }, { now: () => twoWeeksAgo });
    await services.catalogue.loadStarter(testActor);
    reference = (await services.cases.raise(testActor, { service: 'fly-tipping', answers: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' } })).reference;
    await database.close();
  });
  after(() => fs.rmSync(data, { recursive: true, force: true }));

  it('lists a team\'s cases and the overdue ones', async () => {
    const listed = await run(['case', 'list', '--team', 'street_scene']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^reference +service +team +status +due \(UTC\)\n/);
    assert.match(listed.stdout, new RegExp(`${reference} +fly-tipping +street_scene +Open +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +overdue`));
    assert.match((await run(['case', 'list', '--overdue'])).stdout, new RegExp(reference));
    assert.match((await run(['case', 'list', '--team', 'highways'])).stdout, /^No cases match\.\n$/);
    const missing = await run(['case', 'list', '--team', 'nobody']);
    assert.equal(missing.code, 3);
  });

  it('shows one case as JSON, and says when there is none', async () => {
    const shown = await run(['case', 'show', reference.toLowerCase()]);
    assert.equal(shown.code, 0, shown.stderr);
    const found = JSON.parse(shown.stdout) as { reference: string; events: Array<{ kind: string }> };
    assert.equal(found.reference, reference);
    assert.deepEqual(found.events.map((event) => event.kind), ['opened']);
    const none = await run(['case', 'show', 'SR-0000-0000']);
    assert.equal(none.code, 3);
    assert.match(none.stderr, /^onestop: There is no case SR-0000-0000/);
  });
});
