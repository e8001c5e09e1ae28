import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
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

/**
 * Which addresses count as public. The special-purpose ranges come from
 * ipaddr.js's `range()` (a maintained table of the IANA IPv4 and IPv6
 * special-purpose registries: private, loopback, link-local, CGNAT,
 * documentation, benchmarking, AS112, AMT, 6to4 relay, reserved 240/4,
 * multicast, unique local, discard, ORCHID, segment routing ...): an IPv4
 * address must classify as `unicast`. IPv6 must classify as `unicast` and
 * also lie in 2000::/3, the only block IANA allocates for global unicast;
 * that closes what a range table may lack, such as the deprecated
 * IPv4-compatible ::/96 (`::127.0.0.1` is `::7f00:1`, which ipaddr.js calls
 * unicast) and any unassigned space.
 *
 * IPv6 forms that carry an IPv4 address:
 * - IPv4-mapped ::ffff:0:0/96: the socket talks IPv4 to the embedded
 *   address, so that address is judged;
 * - NAT64 64:ff9b::/96: a DNS64 resolver on an IPv6-only network answers
 *   with these for IPv4-only receivers, and the gateway connects to the
 *   embedded address, so that address is judged too;
 * - local-use NAT64 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32 and
 *   IPv4-compatible ::/96 are refused outright: deprecated or with an
 *   embedding a local gateway defines, so we cannot tell what they reach.
 */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parse("64:ff9b::");
const GLOBAL_UNICAST = ipaddr.IPv6.parse("2000::");

function isPublicIPv4(address: ipaddr.IPv4): boolean {
  return address.range() === "unicast";
}

function isPublicIPv6(address: ipaddr.IPv6): boolean {
  if (address.isIPv4MappedAddress()) return isPublicIPv4(address.toIPv4Address());
  if (address.match(NAT64_WELL_KNOWN, 96)) return isPublicIPv4(new ipaddr.IPv4(address.toByteArray().slice(12)));
  return address.match(GLOBAL_UNICAST, 3) && address.range() === "unicast";
}

/** True for an address on the public internet; false for loopback, private, link-local, CGNAT, multicast, unspecified, documentation and every other special-purpose range. */
export function isPublicAddress(address: string): boolean {
  // isIP first: ipaddr.js also reads shorthand such as "127.1" or "0x7f.1", which are not addresses a socket is given.
  const family = isIP(address);
  if (family === 0) return false;
  try {
    if (family === 4) return isPublicIPv4(ipaddr.IPv4.parse(address));
    // A zone (fe80::1%eth0) only exists for scoped, never public, addresses.
    if (address.includes("%")) return false;
    // ipaddr.js reads the deprecated "::a.b.c.d" as IPv4-mapped (::ffff:a.b.c.d), turning "::127.0.0.1" into a
    // question about 127.0.0.1 instead of the IPv4-compatible ::7f00:1 the socket would dial; the URL parser's
    // serialisation (all hex groups) keeps the address the socket is given.
    const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
    return isPublicIPv6(ipaddr.IPv6.parse(canonical));
  } catch {
    return false;
  }
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
