import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyAddress, resolveTarget, type Resolver } from './target-guard.ts';

// The SSRF guard: which addresses a webhook may reach, and what an administrator's allowPrivate changes.

describe('classifying addresses', () => {
  const cases: Array<[string, string, 'public' | 'private' | 'forbidden']> = [
    ['a public IPv4 address', '81.2.69.160', 'public'],
    ['a public IPv6 address', '2a00:1450:4009:81f::200e', 'public'],
    ['loopback', '127.0.0.1', 'private'],
    ['loopback elsewhere in 127/8', '127.8.9.10', 'private'],
    ['RFC 1918 10/8', '10.1.2.3', 'private'],
    ['RFC 1918 172.16/12', '172.20.0.1', 'private'],
    ['just outside 172.16/12', '172.32.0.1', 'public'],
    ['RFC 1918 192.168/16', '192.168.1.10', 'private'],
    ['link-local', '169.254.10.10', 'private'],
    ['carrier-grade NAT', '100.64.0.1', 'private'],
    ['the cloud metadata service', '169.254.169.254', 'forbidden'],
    ['the unspecified address', '0.0.0.0', 'forbidden'],
    ['IPv6 loopback', '::1', 'private'],
    ['IPv6 unspecified', '::', 'forbidden'],
    ['unique-local IPv6', 'fd12:3456::1', 'private'],
    ['link-local IPv6', 'fe80::1', 'private'],
    ['the IPv6 metadata service', 'fd00:ec2::254', 'forbidden'],
    ['IPv4-mapped loopback', '::ffff:127.0.0.1', 'private'],
    ['IPv4-mapped loopback in hex', '::ffff:7f00:1', 'private'],
    ['IPv4-mapped metadata', '::ffff:169.254.169.254', 'forbidden'],
    ['multicast', '224.0.0.1', 'forbidden'],
  ];
  for (const [name, address, kind] of cases) it(`judges ${name} (${address}) ${kind}`, () => assert.equal(classifyAddress(address), kind));
});

describe('resolving a target', () => {
  const refused = ['http://127.0.0.1:8080/hook', 'http://10.0.0.5/hook', 'http://192.168.1.1/hook', 'http://[::1]:9000/hook', 'http://172.16.0.1/', 'http://100.64.1.1/'];
  for (const url of refused) {
    it(`refuses ${url} without allowPrivate, and accepts it with`, async () => {
      await assert.rejects(resolveTarget(url, false), /private or loopback/);
      assert.ok((await resolveTarget(url, true)).addresses.length > 0);
    });
  }

  it('refuses the metadata service even with allowPrivate', async () => {
    await assert.rejects(resolveTarget('http://169.254.169.254/latest/meta-data/', true), /can never receive webhooks/);
  });

  it('refuses a host name that resolves to loopback (localhost) without allowPrivate', async () => {
    await assert.rejects(resolveTarget('http://localhost:8080/hook', false), /private or loopback/);
  });

  it('refuses a name if any of its addresses is private (a rebinding name with one public, one private)', async () => {
    const resolve: Resolver = async () => [{ address: '81.2.69.160', family: 4 }, { address: '10.0.0.1', family: 4 }];
    await assert.rejects(resolveTarget('https://backoffice.example.gov.uk/hook', false, resolve), /10\.0\.0\.1/);
  });

  it('accepts a name resolving to public addresses only, and returns those addresses to connect to', async () => {
    const resolve: Resolver = async () => [{ address: '81.2.69.160', family: 4 }];
    assert.deepEqual((await resolveTarget('https://backoffice.example.gov.uk/hook', false, resolve)).addresses, [{ address: '81.2.69.160', family: 4 }]);
  });

  it('refuses other schemes, credentials in the address, and hosts that cannot be found', async () => {
    await assert.rejects(resolveTarget('ftp://81.2.69.160/hook', false), /Only http and https/);
    await assert.rejects(resolveTarget('file:///etc/passwd', false), /Only http and https/);
    await assert.rejects(resolveTarget('https://user:pass@81.2.69.160/', false), /user name and password/);
    await assert.rejects(resolveTarget('https://nowhere.invalid/', false), /cannot be found/);
  });
});
