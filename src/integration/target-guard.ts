import dns from 'node:dns';
import net from 'node:net';
import { ValidationFailed } from '../errors.ts';

// Webhook targets are addresses an administrator typed, and requests to them come from inside the council's network:
// without a guard a subscription could make OneStop call its own database, a router, or the cloud's metadata
// service (server-side request forgery). The host is resolved and every address checked, when the subscription is
// made and again at each delivery (a name can be pointed elsewhere later: DNS rebinding), and the connection is
// made to the address that was checked.

export type AddressKind = 'public' | 'private' | 'forbidden';

/** Never a back office: the cloud metadata services, the unspecified address, broadcast and multicast. */
const forbidden = new net.BlockList();
forbidden.addAddress('169.254.169.254');
forbidden.addAddress('fd00:ec2::254', 'ipv6');
forbidden.addSubnet('0.0.0.0', 8);
forbidden.addSubnet('224.0.0.0', 4);
forbidden.addSubnet('240.0.0.0', 4);
forbidden.addAddress('::', 'ipv6');
forbidden.addSubnet('ff00::', 8, 'ipv6');

/** The council's own networks: allowed only to a subscription an administrator marked allowPrivate. */
const privateRanges = new net.BlockList();
for (const [network, prefix] of [
  ['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], // RFC 1918
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['192.0.0.0', 24], ['198.18.0.0', 15], // IETF protocol assignments, benchmarking
] as const) privateRanges.addSubnet(network, prefix);
privateRanges.addAddress('::1', 'ipv6');
privateRanges.addSubnet('fc00::', 7, 'ipv6'); // unique local
privateRanges.addSubnet('fe80::', 10, 'ipv6'); // link-local

/** An IPv6 address carrying an IPv4 one (mapped ::ffff:a.b.c.d, or NAT64 64:ff9b::a.b.c.d) is judged by it. */
function embeddedIpv4(address: string): string | undefined {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = parseInt(match[2] ?? '0', 16);
  const low = parseInt(match[3] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function classifyAddress(address: string): AddressKind {
  const inner = embeddedIpv4(address.toLowerCase());
  if (inner) return classifyAddress(inner);
  const family = net.isIPv4(address) ? 'ipv4' : net.isIPv6(address) ? 'ipv6' : undefined;
  if (!family) return 'forbidden';
  if (forbidden.check(address, family)) return 'forbidden';
  return privateRanges.check(address, family) ? 'private' : 'public';
}

export type ResolvedTarget = { url: URL; addresses: Array<{ address: string; family: 4 | 6 }> };
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** Checks a target and returns the addresses it may be reached at; refuses it with a sentence otherwise. */
export async function resolveTarget(target: string, allowPrivate: boolean, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new ValidationFailed('The address is not a URL.', { url: 'Enter an http or https address' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ValidationFailed('Only http and https addresses can receive webhooks.', { url: 'Enter an http or https address' });
  if (url.username || url.password) throw new ValidationFailed('Leave the user name and password out of the address: requests are signed instead.', { url: 'Remove the user name and password' });
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let found: Array<{ address: string; family: number }>;
  try {
    found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await resolve(host);
  } catch {
    throw new ValidationFailed(`The host ${host} cannot be found.`, { url: 'Enter an address whose host can be found' });
  }
  if (found.length === 0) throw new ValidationFailed(`The host ${host} cannot be found.`, { url: 'Enter an address whose host can be found' });
  for (const { address } of found) {
    const kind = classifyAddress(address);
    if (kind === 'forbidden') throw new ValidationFailed(`The address ${address} (${host}) can never receive webhooks.`, { url: 'Enter the address of a back-office system' });
    if (kind === 'private' && !allowPrivate) {
      throw new ValidationFailed(`The host ${host} is on a private or loopback address (${address}); only an administrator may allow that.`, { url: 'Enter a public address, or have an administrator allow private addresses' });
    }
  }
  return { url, addresses: found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 })) };
}
