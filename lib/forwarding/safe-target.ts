import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { env } from "@/lib/env";

/**
 * Forwarding sends requests to a URL an admin typed, from inside our network.
 * Without these checks that URL could reach the database, the cloud metadata
 * service (169.254.169.254) or anything else only the server can see (SSRF).
 * Only http(s) is allowed, and every address a host resolves to must be
 * public. The check runs on the very addresses the socket connects to (a
 * custom `lookup`), so a DNS answer that changes between the check and the
 * connection (DNS rebinding) cannot slip through.
 */

/** Why a target was refused; a delivery fails at once with it, since retrying cannot help. */
export class RefusedTarget extends Error {
  constructor(
    readonly reason: "protocol" | "private_address" | "invalid_url",
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

const blocked = new BlockList();
const IPV4_RANGES: [string, number][] = [
  ["0.0.0.0", 8], // "this network", including the unspecified 0.0.0.0
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT (also Alibaba's metadata service, 100.100.100.200)
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, including the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments (Oracle's metadata service, 192.0.0.192)
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, including broadcast 255.255.255.255
];
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is matched against the IPv4 ranges by BlockList itself; a rule for
// ::ffff:0:0/96 must not be added, since BlockList would then match every IPv4 address.
const IPV6_RANGES: [string, number][] = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["64:ff9b::", 96], // NAT64: embeds an IPv4 address the gateway would reach for us
  ["64:ff9b:1::", 48], // local-use NAT64
  ["100::", 64], // discard-only
  ["2001::", 32], // Teredo (embeds an IPv4 address)
  ["2001:db8::", 32], // documentation
  ["2002::", 16], // 6to4 (embeds an IPv4 address)
  ["fc00::", 7], // unique local, including AWS's metadata address fd00:ec2::254
  ["fe80::", 10], // link-local
  ["fec0::", 10], // deprecated site-local
  ["ff00::", 8], // multicast
];
for (const [network, prefix] of IPV4_RANGES) blocked.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of IPV6_RANGES) blocked.addSubnet(network, prefix, "ipv6");

/** True for an address on the public internet; false for loopback, private, link-local, CGNAT, multicast, unspecified and the like. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** ALLOW_PRIVATE_WEBHOOK_TARGETS=1 lets development and tests forward to a receiver on this machine. */
export function privateTargetsAllowed(): boolean {
  const flag = env().ALLOW_PRIVATE_WEBHOOK_TARGETS;
  return flag === "1" || flag === "true";
}

/** Resolves a host name to all its addresses; tests replace it to play a hostile DNS server. */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** The URL's host without IPv6 brackets, as DNS and isIP expect it. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1");
}

/** Parses a forwarding URL: http or https only. */
export function parseTargetUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new RefusedTarget("invalid_url", raw.slice(0, 200));
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new RefusedTarget("protocol", url.protocol);
  return url;
}

function assertPublic(hostname: string, addresses: readonly string[]): void {
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined) throw new RefusedTarget("private_address", hostname === refused ? refused : `${hostname} → ${refused}`);
}

/**
 * The save-time check: the URL's host, resolved now, reaches only public
 * addresses (unless private targets are allowed). A DNS failure throws the
 * resolver's error. Sending checks again, on the addresses it connects to.
 */
export async function assertSafeTarget(raw: string, options: { allowPrivate?: boolean; resolve?: Resolve } = {}): Promise<URL> {
  const url = parseTargetUrl(raw);
  if (options.allowPrivate ?? privateTargetsAllowed()) return url;
  const hostname = bareHostname(url);
  if (isIP(hostname)) {
    assertPublic(hostname, [hostname]);
    return url;
  }
  const addresses = await (options.resolve ?? systemResolve)(hostname);
  assertPublic(hostname, addresses.map((a) => a.address));
  return url;
}

/**
 * A `lookup` for http(s).request that refuses the connection when any address
 * the name resolves to is not public. The socket connects to the addresses
 * checked here, while the Host header and the TLS server name stay the URL's
 * host name. (A literal IP in the URL skips `lookup`: check it with
 * `assertSafeTarget` first.)
 */
export function guardedLookup(options: { allowPrivate: boolean; resolve?: Resolve }): LookupFunction {
  const resolve = options.resolve ?? systemResolve;
  return (hostname, lookupOptions, callback) => {
    resolve(hostname)
      .then((all) => {
        const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : 0;
        const addresses = family ? all.filter((a) => a.family === family) : all;
        if (!addresses.length) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
        if (!options.allowPrivate) assertPublic(hostname, addresses.map((a) => a.address));
        if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}
