import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { Db, DbConnection } from "@/lib/db/client";
import { loginAttempts, memberships } from "@/lib/db/schema";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

const MINUTE = 60_000;
const WRONG = "wrong-password";

let connection: DbConnection;
let db: Db;
let workspaceId: string;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  workspaceId = (await createWorkspace(db)).id;
});

afterAll(async () => {
  await connection?.close();
});

/** A clock the test moves by hand; every test starts its own. */
function clock() {
  let t = Date.parse("2030-01-01T12:00:00Z");
  return { now: () => new Date(t), advance: (ms: number) => void (t += ms) };
}

type Clock = ReturnType<typeof clock>;

/** One sign-in; `delay` is what the throttle asked to sleep (recorded, not slept). */
async function attempt(c: Clock, email: string, password: string) {
  const slept: number[] = [];
  const result = await verifyCredentials(db, { email, password }, { now: c.now, sleep: async (ms) => void slept.push(ms) });
  return { result, delay: slept.reduce((a, b) => a + b, 0) };
}

async function failures(email: string) {
  const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.email, email));
  return row?.failures ?? 0;
}

describe("verifyCredentials", () => {
  it("signs a member in with their workspace and role", async () => {
    const member = await createMember(db, { workspaceId, role: "admin" });
    const { result } = await attempt(clock(), member.email, member.password);
    expect(result).toEqual({ ok: true, identity: { userId: member.userId, workspaceId, role: "admin" } });
  });

  it("matches the e-mail case-insensitively", async () => {
    const member = await createMember(db, { workspaceId, email: "camila.souza@example.com" });
    const { result } = await attempt(clock(), "  Camila.Souza@EXAMPLE.com ", member.password);
    expect(result).toMatchObject({ ok: true, identity: { userId: member.userId } });
  });

  it("answers an unknown e-mail like a wrong password", async () => {
    const { result } = await attempt(clock(), "nobody@example.com", "whatever");
    expect(result).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated member with the right password as inactive", async () => {
    const member = await createMember(db, { workspaceId, active: false });
    const { result } = await attempt(clock(), member.email, member.password);
    expect(result).toEqual({ ok: false, reason: "inactive" });
    await db.update(memberships).set({ active: true }).where(eq(memberships.id, member.membershipId));
    expect((await attempt(clock(), member.email, member.password)).result.ok).toBe(true);
  });
});

describe("login throttle", () => {
  it("answers the first two wrong passwords without delay", async () => {
    const { email } = await createMember(db, { workspaceId });
    const c = clock();
    for (let i = 0; i < 2; i++) expect(await attempt(c, email, WRONG)).toEqual({ result: { ok: false, reason: "invalid" }, delay: 0 });
  });

  it("delays the third wrong password already, by one second, then one more each time", async () => {
    const { email } = await createMember(db, { workspaceId });
    const c = clock();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) delays.push((await attempt(c, email, WRONG)).delay);
    expect(delays).toEqual([0, 0, 1000, 2000, 3000]);
  });

  it("locks the address for 15 minutes after the fifth failure", async () => {
    const { email } = await createMember(db, { workspaceId });
    const c = clock();
    for (let i = 0; i < 4; i++) expect((await attempt(c, email, WRONG)).result).toEqual({ ok: false, reason: "invalid" });
    expect((await attempt(c, email, WRONG)).result).toEqual({ ok: false, reason: "locked", retryAfterSeconds: 900 });
  });

  it("refuses the correct password during the lock, without checking it", async () => {
    const member = await createMember(db, { workspaceId });
    const c = clock();
    for (let i = 0; i < 5; i++) await attempt(c, member.email, WRONG);
    c.advance(MINUTE);
    expect(await attempt(c, member.email, member.password)).toEqual({
      result: { ok: false, reason: "locked", retryAfterSeconds: 840 },
      delay: 0,
    });
  });

  it("accepts the correct password once the lock has passed, and clears the counter", async () => {
    const member = await createMember(db, { workspaceId });
    const c = clock();
    for (let i = 0; i < 5; i++) await attempt(c, member.email, WRONG);
    c.advance(15 * MINUTE + 1_000);
    expect((await attempt(c, member.email, member.password)).result.ok).toBe(true);
    expect(await failures(member.email)).toBe(0);
    expect(await attempt(c, member.email, WRONG)).toEqual({ result: { ok: false, reason: "invalid" }, delay: 0 });
  });

  it("forgets failures older than the 15-minute window", async () => {
    const { email } = await createMember(db, { workspaceId });
    const c = clock();
    for (let i = 0; i < 4; i++) await attempt(c, email, WRONG);
    c.advance(15 * MINUTE + 1_000);
    // Would be the fifth failure (a lock) if the old ones still counted.
    expect(await attempt(c, email, WRONG)).toEqual({ result: { ok: false, reason: "invalid" }, delay: 0 });
    expect(await failures(email)).toBe(1);
  });

  it("counts every one of several concurrent failures", async () => {
    const { email } = await createMember(db, { workspaceId });
    const c = clock();
    await Promise.all(Array.from({ length: 4 }, () => attempt(c, email, WRONG)));
    expect(await failures(email)).toBe(4);
  });

  it("locks the address when 10 wrong passwords arrive at once", async () => {
    const member = await createMember(db, { workspaceId });
    const c = clock();
    const results = await Promise.all(Array.from({ length: 10 }, () => attempt(c, member.email, WRONG)));
    for (const { result } of results) expect(["invalid", "locked"]).toContain((result as { reason: string }).reason);
    expect(results.some(({ result }) => !result.ok && result.reason === "locked")).toBe(true);
    expect((await attempt(c, member.email, member.password)).result).toMatchObject({ ok: false, reason: "locked" });
  });

  it("stays locked when more than five wrong passwords arrive at once", async () => {
    const member = await createMember(db, { workspaceId });
    const c = clock();
    await Promise.all(Array.from({ length: 6 }, () => attempt(c, member.email, WRONG)));
    expect((await attempt(c, member.email, member.password)).result).toMatchObject({ ok: false, reason: "locked" });
  });
});
