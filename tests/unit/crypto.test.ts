import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";

const WORKSPACE = "5b0c7a5e-4a55-4c43-9a3f-6f0e1f2d3c4b";
const OTHER_WORKSPACE = "0f7e2a11-9c1d-4b8e-8f6a-2d3c4b5a6e7f";
const TOKEN = "test-access-token-fake-2";

function withPart(payload: string, index: number, change: (bytes: Buffer) => void): string {
  const parts = payload.split(":");
  const bytes = Buffer.from(parts[index]!, "base64");
  change(bytes);
  parts[index] = bytes.toString("base64");
  return parts.join(":");
}

describe("encryptSecret / decryptSecret", () => {
  it("decrypts what it encrypted, in a v1-prefixed format", () => {
    const payload = encryptSecret(TOKEN, WORKSPACE);
    expect(payload).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(payload).not.toContain(TOKEN);
    expect(decryptSecret(payload, WORKSPACE)).toBe(TOKEN);
  });

  it("uses a fresh 12-byte IV for every write", () => {
    const a = encryptSecret(TOKEN, WORKSPACE);
    const b = encryptSecret(TOKEN, WORKSPACE);
    expect(a).not.toBe(b);
    expect(a.split(":")[1]).not.toBe(b.split(":")[1]);
    expect(Buffer.from(a.split(":")[1]!, "base64")).toHaveLength(12);
  });

  it("refuses a ciphertext copied into another workspace", () => {
    const payload = encryptSecret(TOKEN, WORKSPACE);
    expect(() => decryptSecret(payload, OTHER_WORKSPACE)).toThrow();
  });

  it("refuses a tampered ciphertext", () => {
    const payload = withPart(encryptSecret(TOKEN, WORKSPACE), 3, (bytes) => {
      bytes[0] = bytes[0]! ^ 0x01;
    });
    expect(() => decryptSecret(payload, WORKSPACE)).toThrow();
  });

  it("refuses a tampered authentication tag", () => {
    const payload = withPart(encryptSecret(TOKEN, WORKSPACE), 2, (bytes) => {
      bytes[0] = bytes[0]! ^ 0x01;
    });
    expect(() => decryptSecret(payload, WORKSPACE)).toThrow();
  });

  it("refuses to decrypt with another key", () => {
    const payload = encryptSecret(TOKEN, WORKSPACE);
    expect(() => decryptSecret(payload, WORKSPACE, randomBytes(32).toString("base64"))).toThrow();
  });

  it("accepts an explicit key for both directions", () => {
    const key = randomBytes(32).toString("base64");
    expect(decryptSecret(encryptSecret(TOKEN, WORKSPACE, key), WORKSPACE, key)).toBe(TOKEN);
  });

  it("refuses an unknown key version prefix", () => {
    const payload = encryptSecret(TOKEN, WORKSPACE).replace(/^v1:/, "v9:");
    expect(() => decryptSecret(payload, WORKSPACE)).toThrow(/Unknown encryption key version v9/);
  });

  it("refuses a malformed payload", () => {
    expect(() => decryptSecret("v1:only-two", WORKSPACE)).toThrow(/Malformed/);
  });
});

describe("maskSecret", () => {
  it("shows the first and last four characters of a long secret", () => {
    expect(maskSecret(TOKEN)).toBe("test••••••••ke-2");
  });

  it("hides a short secret completely", () => {
    expect(maskSecret("12345678")).toBe("••••••••");
    expect(maskSecret("abc")).toBe("••••••••");
  });
});
