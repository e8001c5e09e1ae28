import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "@/lib/forwarding/job";
import { flattenEvent, type ForwardEvent } from "@/lib/forwarding/payload";
import { isPublicAddress } from "@/lib/forwarding/safe-target";
import { webhookHeaders, webhookSignature } from "@/lib/forwarding/signature";

describe("forwarding target addresses", () => {
  it.each([
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "100.100.100.200", "0.0.0.0", "224.0.0.251", "239.255.255.250", "255.255.255.255", "192.0.0.192", "198.18.0.1",
    "::", "::1", "fc00::1", "fd00:ec2::254", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1",
    "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:7f00:1::", "2001:db8::1", "not-an-address",
  ])("refuses %s as not public", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("accepts the public address %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("Standard Webhooks signature", () => {
  it("matches the specification's example", () => {
    // standard-webhooks/standard-webhooks spec example (also Svix's docs).
    expect(webhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("leaves the signature out without a secret", () => {
    expect(webhookHeaders({ id: "d1", timestamp: 1, content: "x", secret: "" })).toEqual({ "webhook-id": "d1", "webhook-timestamp": "1" });
  });
});

describe("Retry-After", () => {
  const now = new Date("2026-10-30T12:00:00Z");
  it("reads seconds and HTTP dates, ignores garbage and caps absurd waits at a day", () => {
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Fri, 30 Oct 2026 13:00:00 GMT", now)).toBe(3_600_000);
    expect(parseRetryAfter("Fri, 30 Oct 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter("999999999", now)).toBe(86_400_000);
  });
});

describe("GET parameters", () => {
  it("flattens nested fields with underscores and leaves nulls out", () => {
    const event = {
      event: "message.received", message_id: "wamid.1", type: "image", message: null, sender: "5511", sender_name: null,
      timestamp: "2026-01-01T00:00:00.000Z", timestamp_unix: 1767225600, conversation_id: "c", business_phone_number: null,
      business_phone_number_id: "1", media: { type: "image", mime_type: "image/png", file_name: null, url: "https://x/y", url_expires_at: "z" }, referral: null,
      sent_by: "customer", bot_id: null, bot_name: null,
    } satisfies ForwardEvent;
    expect(flattenEvent(event)).toEqual([
      ["event", "message.received"], ["message_id", "wamid.1"], ["type", "image"], ["sender", "5511"], ["timestamp", "2026-01-01T00:00:00.000Z"],
      ["timestamp_unix", "1767225600"], ["conversation_id", "c"], ["business_phone_number_id", "1"], ["media_type", "image"],
      ["media_mime_type", "image/png"], ["media_url", "https://x/y"], ["media_url_expires_at", "z"], ["sent_by", "customer"],
    ]);
  });
});
