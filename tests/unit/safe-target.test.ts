import { describe, expect, it } from "vitest";
import { isPublicAddress } from "@/lib/forwarding/safe-target";

/**
 * Every special-purpose range of the IANA registries (IPv4 and IPv6), by its
 * first address and one inside it. None of them may be a forwarding target.
 */
const SPECIAL_IPV4: [range: string, first: string, inside: string][] = [
  ["0.0.0.0/8 this network", "0.0.0.0", "0.1.2.3"],
  ["10.0.0.0/8 private", "10.0.0.0", "10.20.30.40"],
  ["100.64.0.0/10 shared address space (CGNAT)", "100.64.0.0", "100.100.100.200"],
  ["127.0.0.0/8 loopback", "127.0.0.0", "127.0.0.1"],
  ["169.254.0.0/16 link-local", "169.254.0.0", "169.254.169.254"],
  ["172.16.0.0/12 private", "172.16.0.0", "172.31.255.254"],
  ["192.0.0.0/24 IETF protocol assignments", "192.0.0.0", "192.0.0.192"],
  ["192.0.2.0/24 TEST-NET-1", "192.0.2.0", "192.0.2.77"],
  ["192.31.196.0/24 AS112-v4", "192.31.196.0", "192.31.196.1"],
  ["192.52.193.0/24 AMT", "192.52.193.0", "192.52.193.9"],
  ["192.88.99.0/24 6to4 relay anycast", "192.88.99.0", "192.88.99.1"],
  ["192.168.0.0/16 private", "192.168.0.0", "192.168.1.1"],
  ["192.175.48.0/24 direct delegation AS112", "192.175.48.0", "192.175.48.6"],
  ["198.18.0.0/15 benchmarking", "198.18.0.0", "198.19.255.254"],
  ["198.51.100.0/24 TEST-NET-2", "198.51.100.0", "198.51.100.23"],
  ["203.0.113.0/24 TEST-NET-3", "203.0.113.0", "203.0.113.99"],
  ["224.0.0.0/4 multicast", "224.0.0.0", "239.255.255.250"],
  ["240.0.0.0/4 reserved", "240.0.0.0", "250.1.2.3"],
  ["255.255.255.255/32 limited broadcast", "255.255.255.255", "255.255.255.255"],
];

const SPECIAL_IPV6: [range: string, first: string, inside: string][] = [
  ["::1/128 loopback", "::1", "0:0:0:0:0:0:0:1"],
  ["::/128 unspecified", "::", "0:0:0:0:0:0:0:0"],
  ["::/96 IPv4-compatible (deprecated)", "::0.0.0.2", "::127.0.0.1"],
  ["::ffff:0:0/96 IPv4-mapped", "::ffff:0.0.0.0", "::ffff:127.0.0.1"],
  ["::ffff:0:0:0/96 IPv4-translated", "::ffff:0:0:0", "::ffff:0:a00:1"],
  ["64:ff9b::/96 NAT64", "64:ff9b::", "64:ff9b::a00:1"],
  ["64:ff9b:1::/48 local-use NAT64", "64:ff9b:1::", "64:ff9b:1::808:808"],
  ["100::/64 discard-only", "100::", "100::1:2"],
  ["2001::/23 IETF protocol assignments", "2001::", "2001:1ff:ffff::1"],
  ["2001::/32 Teredo", "2001::", "2001:0:4136:e378:8000:63bf:3fff:fdd2"],
  ["2001:1::1/128 port control protocol anycast", "2001:1::1", "2001:1::1"],
  ["2001:1::2/128 TURN anycast", "2001:1::2", "2001:1::2"],
  ["2001:1::3/128 DNS-SD service registration anycast", "2001:1::3", "2001:1::3"],
  ["2001:2::/48 benchmarking", "2001:2::", "2001:2:0:ffff::1"],
  ["2001:3::/32 AMT", "2001:3::", "2001:3:1::1"],
  ["2001:4:112::/48 AS112-v6", "2001:4:112::", "2001:4:112::1"],
  ["2001:10::/28 ORCHID (deprecated)", "2001:10::", "2001:1f::1"],
  ["2001:20::/28 ORCHIDv2", "2001:20::", "2001:2f::1"],
  ["2001:30::/28 drone remote ID", "2001:30::", "2001:3f::1"],
  ["2001:db8::/32 documentation", "2001:db8::", "2001:db8::1"],
  ["2002::/16 6to4", "2002::", "2002:808:808::1"],
  ["2620:4f:8000::/48 direct delegation AS112", "2620:4f:8000::", "2620:4f:8000::1"],
  ["3fff::/20 documentation", "3fff::", "3fff:fff::1"],
  ["5f00::/16 segment routing SIDs", "5f00::", "5f00:1::1"],
  ["fc00::/7 unique local", "fc00::", "fd00:ec2::254"],
  ["fe80::/10 link-local", "fe80::", "fe80::1"],
  ["fec0::/10 site-local (deprecated)", "fec0::", "fec0::1"],
  ["ff00::/8 multicast", "ff00::", "ff02::1"],
];

describe("forwarding targets: special-purpose addresses", () => {
  describe.each([...SPECIAL_IPV4, ...SPECIAL_IPV6])("%s", (_range, first, inside) => {
    it(`refuses its first address ${first}`, () => expect(isPublicAddress(first)).toBe(false));
    it(`refuses ${inside} inside it`, () => expect(isPublicAddress(inside)).toBe(false));
  });

  it.each(["::8.8.8.8", "2002:808:808::1", "2001:0:808:808::1", "64:ff9b:1::808:808"])(
    "refuses %s, an IPv6 form that embeds a public IPv4 address but reaches it through a gateway we cannot judge",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );

  it.each(["::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:7f00:1", "64:ff9b::7f00:1", "64:ff9b::169.254.169.254"])(
    "judges the IPv4 address inside an IPv4-mapped or NAT64 address: refuses %s",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );

  it.each(["not-an-address", "127.1", "0x7f.0.0.1", "2130706433", "", "1.2.3.4.5", "fe80::1%eth0"])("refuses %j, which is not an address a socket is given", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe("forwarding targets: public addresses", () => {
  it.each([
    "1.1.1.1",
    "8.8.8.8",
    "93.184.215.14",
    "172.32.0.1",
    "100.128.0.1",
    "192.0.1.1",
    "198.20.0.1",
    "223.255.255.254",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "2001:4860:4860::8888",
    "2001:200::1",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
  ])("accepts %s", (address) => expect(isPublicAddress(address)).toBe(true));
});
