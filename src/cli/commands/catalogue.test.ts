import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { tempDir, writeFile } from '../../test-support.ts';
import { runOnestop } from '../cli.test-support.ts';

// The catalogue commands, spawned as an administrator runs them, on an embedded database of their own.

describe('onestop service commands', { concurrency: false, timeout: 300_000 }, () => {
  const data = tempDir('onestop-cli-catalogue-');
  const run = (args: string[]) => runOnestop(['--data', data, ...args]);
  after(() => fs.rmSync(data, { recursive: true, force: true }));

  it('says how to start when the catalogue is empty, then loads the starter catalogue once', async () => {
    assert.match((await run(['service', 'list'])).stdout, /No services yet/);
    const loaded = await run(['service', 'load-starter']);
    assert.equal(loaded.code, 0, loaded.stderr);
    assert.match(loaded.stdout, /Starter catalogue: \d+ services added/);
    assert.match((await run(['service', 'load-starter'])).stdout, /Starter catalogue: 0 services added/);
    const listed = await run(['service', 'list']);
    assert.match(listed.stdout, /^code +lgsl +name +team +sla\n/);
    assert.match(listed.stdout, /missed-bin +524 +Missed bin collection +waste_services +2 working days/);
  });

  it('shows one service by code or LGSL number, with its form', async () => {
    const shown = await run(['service', 'show', '524']);
    assert.equal(shown.code, 0, shown.stderr);
    const service = JSON.parse(shown.stdout) as { code: string; form: { fields: Array<{ name: string }> } };
    assert.equal(service.code, 'missed-bin');
    assert.ok(service.form.fields.some((field) => field.name === 'binType'));
    const missing = await run(['service', 'show', 'no-such-service']);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /^onestop: There is no service no-such-service in the catalogue\.\n$/);
  });

  it('imports a catalogue file, refusing one with a problem and writing nothing', async () => {
    const dir = tempDir('onestop-cli-catalogue-file-');
    const bad = writeFile(dir, 'bad.json', JSON.stringify({ services: [{ code: 'new-service', name: 'New', team: 'nobody', sla: { amount: 2, unit: 'working_days' } }] }));
    const refused = await run(['service', 'import', bad]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Nothing was imported: new-service: There is no team nobody/);
    const good = writeFile(dir, 'good.json', JSON.stringify({ services: [
      { code: 'new-service', name: 'New service', team: 'highways', sla: { amount: 4, unit: 'working_hours' }, active: false },
      { code: 'pothole', name: 'Potholes', team: 'highways', sla: { amount: 3, unit: 'working_days' } },
    ] }));
    const imported = await run(['service', 'import', good]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, 'Imported: 1 added, 1 changed.\n');
    assert.doesNotMatch((await run(['service', 'list'])).stdout, /new-service/);
    assert.match((await run(['service', 'list', '--all'])).stdout, /new-service +- +New service +highways +4 working hours +not offered/);
    const notJson = writeFile(dir, 'not.json', '{');
    assert.equal((await run(['service', 'import', notJson])).code, 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
