import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, realtimeConnectSources, staticSecurityHeaders } from "@/lib/http/security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0]!, d.split(" ").slice(1)] as const));

describe("contentSecurityPolicy", () => {
  const policy = contentSecurityPolicy({ nonce: "abc123==", dev: false, connectSources: ["ws://127.0.0.1:6101"] });
  const d = directives(policy);

  it("allows only scripts carrying this request's nonce (and what they load), never eval in production", () => {
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy).not.toContain("unsafe-eval");
  });

  it("forbids framing the app, plugins, foreign forms and <base> tricks", () => {
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
  });

  it("lets the page reach its own origin and the configured realtime host only", () => {
    expect(d.get("connect-src")).toEqual(["'self'", "ws://127.0.0.1:6101"]);
  });

  it("adds 'unsafe-eval' in development only, for React's debugging aids", () => {
    expect(contentSecurityPolicy({ nonce: "n", dev: true, connectSources: [] })).toContain("script-src 'self' 'nonce-n' 'strict-dynamic' 'unsafe-eval'");
  });
});

describe("realtimeConnectSources", () => {
  it("points at Pusher's cloud host for the cluster over wss", () => {
    expect(realtimeConnectSources({ key: "k", cluster: "sa1", forceTLS: true })).toEqual(["wss://ws-sa1.pusher.com"]);
  });

  it("allows a configured host on both schemes unless TLS is forced (pusher-js upgrades on HTTPS pages)", () => {
    expect(realtimeConnectSources({ key: "k", cluster: "mt1", wsHost: "127.0.0.1", wsPort: 6101, forceTLS: false })).toEqual([
      "ws://127.0.0.1:6101",
      "wss://127.0.0.1:6101",
    ]);
    expect(realtimeConnectSources({ key: "k", cluster: "mt1", wsHost: "rt.example.com", forceTLS: true })).toEqual(["wss://rt.example.com"]);
  });
});

describe("staticSecurityHeaders", () => {
  it("sends Strict-Transport-Security from production builds only", () => {
    const names = (production: boolean) => staticSecurityHeaders({ production }).map((h) => h.key);
    expect(names(true)).toContain("Strict-Transport-Security");
    expect(names(false)).not.toContain("Strict-Transport-Security");
    expect(names(false)).toEqual(["X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Permissions-Policy"]);
  });
});

describe("createNonce", () => {
  it("is 128 random bits, different every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
