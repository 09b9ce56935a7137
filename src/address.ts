// Which IP addresses are not on the public internet, and a DNS lookup that refuses them,
// so that a server importing untrusted URLs cannot be made to fetch from its own network.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The ranges no public article is served from (RFC 6890's special-purpose registry, the
 * parts that reach a machine's own network). IPv4-mapped IPv6 (::ffff:127.0.0.1) is
 * matched by the IPv4 rules: BlockList checks the embedded address.
 */
const RANGES: [kind: string, network: string, prefix: number][] = [
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::1', 128],
  // 0.0.0.0 and :: reach the local machine when connected to on Linux.
  ['unspecified', '0.0.0.0', 8],
  ['unspecified', '::', 128],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  // Carrier-grade NAT: the provider's network, not the internet.
  ['shared (carrier NAT)', '100.64.0.0', 10],
  // Cloud metadata services (169.254.169.254) live here.
  ['link-local', '169.254.0.0', 16],
  ['link-local', 'fe80::', 10],
  ['unique-local', 'fc00::', 7],
];

const BLOCKS = RANGES.map(([kind, network, prefix]) => {
  const block = new BlockList();
  block.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return { kind, block };
});

/** The kind of a non-public address (`loopback`, `private`...), or undefined for a public one or a name. */
export function privateKind(host: string): string | undefined {
  const address = host.replace(/^\[(.*)\]$/, '$1');
  const family = isIP(address);
  if (!family) return undefined;
  return BLOCKS.find(({ block }) => block.check(address, family === 6 ? 'ipv6' : 'ipv4'))?.kind;
}

/** A connection refused because of the address it would reach. */
export class PrivateAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly kind: string,
  ) {
    super(`${host} is at ${address}, a ${kind} address`);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * dns.lookup for net.connect (undici's `connect.lookup`) that fails when any address of the
 * name is not public: the check is on the addresses the socket will connect to, so a name
 * that resolves (or is re-bound) to 127.0.0.1 is caught where a check of the name is not.
 * `onResolved` learns each name's verdict (used to tell whether a redirect left the internet).
 */
export function checkingLookup(refuse: boolean, onResolved?: (hostname: string, kind: string | undefined) => void) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.map((a) => ({ ...a, kind: privateKind(a.address) })).find((a) => a.kind);
      onResolved?.(hostname, bad?.kind);
      if (bad && refuse) return callback(new PrivateAddressError(hostname, bad.address, bad.kind!), []);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
