import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../test-support.ts';
import { createSecretBox, loadSecretKey } from './secret-box.ts';

describe('sealing secrets', () => {
  it('opens what it sealed, and seals the same secret differently each time', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    assert.match(sealed, /^v1:/);
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
    assert.notEqual(box.seal('JBSWY3DPEHPK3PXP'), sealed);
    assert.equal(box.open(sealed), 'JBSWY3DPEHPK3PXP');
  });

  it('refuses a sealed secret that was changed, or sealed under another key', () => {
    const box = createSecretBox(randomBytes(32));
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const [version, iv, tag, data = ''] = sealed.split(':');
    const changed = [version, iv, tag, `${data.slice(0, -2)}${data.endsWith('AA') ? 'BB' : 'AA'}`].join(':');
    assert.throws(() => box.open(changed));
    assert.throws(() => createSecretBox(randomBytes(32)).open(sealed));
  });
});

describe('the key', () => {
  it('is made once in the data folder, readable by its owner only, and read back after', () => {
    const dir = tempDir();
    const key = loadSecretKey({ secretKey: undefined, dataDir: dir });
    assert.equal(key.length, 32);
    assert.equal(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777, 0o600);
    assert.deepEqual(loadSecretKey({ secretKey: undefined, dataDir: dir }), key);
    assert.deepEqual(fs.readdirSync(dir), ['secret.key']);
  });

  it('comes from the setting when given, in hex or base64, and not from the folder', () => {
    const key = randomBytes(32);
    const dir = tempDir();
    assert.deepEqual(loadSecretKey({ secretKey: key.toString('hex'), dataDir: dir }), key);
    assert.deepEqual(loadSecretKey({ secretKey: key.toString('base64'), dataDir: dir }), key);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('refuses a setting that is not 32 bytes', () => {
    assert.throws(() => loadSecretKey({ secretKey: 'too short', dataDir: tempDir() }), /32 bytes/);
  });
});
