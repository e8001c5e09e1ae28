import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeOwnPassword, logout, signOutEverywhere } from "@/app/(dashboard)/actions";
import { GET as listConversations } from "@/app/api/inbox/conversations/route";
import { GET as cronCleanup } from "@/app/api/cron/cleanup/route";
import { deleteExpiredAuthSessions, openAuthSession, sessionExpiry } from "@/lib/auth/auth-sessions";
import { changePassword } from "@/lib/auth/change-password";
import { signInWithCredentials, verifyCredentials } from "@/lib/auth/credentials";
import { loadActiveMember } from "@/lib/auth/member";
import { hashPassword } from "@/lib/auth/password";
import type { Db, DbConnection } from "@/lib/db/client";
import { authSessions, memberships, users } from "@/lib/db/schema";
import { setMemberActive } from "@/lib/team/members";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, actAsSession, currentSid, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
let db: Db;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  useDatabase(db);
  workspaceId = (await createWorkspace(db)).id;
  otherWorkspaceId = (await createWorkspace(db)).id;
  admin = await createMember(db, { workspaceId, role: "admin" });
});
afterAll(() => connection.close());

type Person = Awaited<ReturnType<typeof createMember>>;

/** A real sign-in: what the credentials provider's authorize() does before Auth.js writes the cookie. */
async function signIn(person: Person, password = person.password) {
  const result = await signInWithCredentials(db, { email: person.email, password });
  if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
  return result;
}

/** GET /api/inbox/conversations with a cookie naming this session row: the status only. */
async function inboxStatus(person: Person, sid: string | null, ws = workspaceId) {
  actAsSession({ userId: person.userId, workspaceId: ws }, sid);
  const response = await listConversations(new Request("http://x/api/inbox/conversations"), undefined as never);
  return response.status;
}

const sessionsOf = async (userId: string) => db.select().from(authSessions).where(eq(authSessions.userId, userId));

describe("a signed-in browser's session row", () => {
  it("is opened by signing in and lets the cookie that names it read the inbox", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId } = await signIn(ana);
    expect((await sessionsOf(ana.userId)).map((s) => s.id)).toEqual([sessionId]);
    expect(await inboxStatus(ana, sessionId)).toBe(200);
  });

  it("refuses a token issued before sessions had rows (no sid), however long the JWT still runs", async () => {
    const ana = await createMember(db, { workspaceId });
    await signIn(ana);
    expect(await inboxStatus(ana, null)).toBe(401);
  });

  it("refuses a sid that is not a session of this person in this workspace", async () => {
    const ana = await createMember(db, { workspaceId });
    const bia = await createMember(db, { workspaceId });
    const { sessionId: biaSession } = await signIn(bia);
    expect(await inboxStatus(ana, biaSession)).toBe(401);
    expect(await inboxStatus(ana, "not-a-uuid")).toBe(401);

    // A member of two workspaces: the session opened for one does not open the other.
    const both = await createMember(db, { workspaceId });
    await db.insert(memberships).values({ workspaceId: otherWorkspaceId, userId: both.userId, role: "agent" });
    const { sessionId, identity } = await signIn(both);
    expect(identity.workspaceId).toBe(workspaceId);
    expect(await inboxStatus(both, sessionId, otherWorkspaceId)).toBe(401);
    expect(await inboxStatus(both, sessionId, workspaceId)).toBe(200);
  });

  it("refuses a row past its expiry, and the cleanup cron deletes only expired rows, a bounded batch at a time", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId: expired } = await signIn(ana);
    const { sessionId: live } = await signIn(ana);
    await db.update(authSessions).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(authSessions.id, expired));
    expect(await inboxStatus(ana, expired)).toBe(401);

    const response = await cronCleanup(new Request("http://x/api/cron/cleanup", { headers: { authorization: "Bearer test-cron-secret" } }), undefined);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ expiredSessions: 1 });
    expect((await sessionsOf(ana.userId)).map((s) => s.id)).toEqual([live]);

    const past = new Date(Date.now() - 60_000);
    for (let i = 0; i < 3; i++) await db.insert(authSessions).values({ userId: ana.userId, workspaceId, expiresAt: past });
    expect(await deleteExpiredAuthSessions(db, new Date(), 2)).toBe(2);
    expect(await deleteExpiredAuthSessions(db, new Date(), 2)).toBe(1);
    expect((await sessionsOf(ana.userId)).map((s) => s.id)).toEqual([live]);
  });

  it("is pushed forward at most once a day while the browser is in use, never ending before the cookie", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId } = await signIn(ana);
    const now = new Date(Date.now() + 10 * 86_400_000);
    const [before] = await sessionsOf(ana.userId);
    await loadActiveMember(db, ana.userId, workspaceId, sessionId, now);
    const [after] = await sessionsOf(ana.userId);
    expect(after!.expiresAt.getTime()).toBe(sessionExpiry(now).getTime());
    expect(after!.expiresAt.getTime()).toBeGreaterThan(before!.expiresAt.getTime());
    // Within the same day: no write.
    await loadActiveMember(db, ana.userId, workspaceId, sessionId, new Date(now.getTime() + 3_600_000));
    expect((await sessionsOf(ana.userId))[0]!.expiresAt.getTime()).toBe(after!.expiresAt.getTime());
  });
});

describe("signing out", () => {
  it("ends the session: the same cookie is refused afterwards (401), other browsers stay signed in", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId: thisBrowser } = await signIn(ana);
    const { sessionId: phone } = await signIn(ana);
    expect(await inboxStatus(ana, thisBrowser)).toBe(200);

    actAsSession({ ...ana, workspaceId }, thisBrowser);
    await logout({});
    expect(await inboxStatus(ana, thisBrowser)).toBe(401);
    expect(await inboxStatus(ana, phone)).toBe(200);
  });

  it("without a session does nothing and deletes no one's row", async () => {
    const count = (await db.select().from(authSessions)).length;
    actAs(null);
    expect(await logout({})).toEqual({ ok: true, data: undefined });
    expect((await db.select().from(authSessions)).length).toBe(count);
  });
});

describe("signing out of all devices", () => {
  it("ends every session of the person, in every workspace, and no one else's", async () => {
    const ana = await createMember(db, { workspaceId });
    await db.insert(memberships).values({ workspaceId: otherWorkspaceId, userId: ana.userId, role: "agent" });
    const { sessionId: laptop } = await signIn(ana);
    const { sessionId: phone } = await signIn(ana);
    const otherWorkspaceSession = await openAuthSession(db, { userId: ana.userId, workspaceId: otherWorkspaceId, passwordHash: await passwordHashOf(ana.userId) });
    const colleague = await createMember(db, { workspaceId });
    const { sessionId: colleagueSession } = await signIn(colleague);

    actAsSession({ ...ana, workspaceId }, laptop);
    const result = await signOutEverywhere({});
    expect(result.ok).toBe(true);
    expect(await inboxStatus(ana, laptop)).toBe(401);
    expect(await inboxStatus(ana, phone)).toBe(401);
    expect(await inboxStatus(ana, otherWorkspaceSession, otherWorkspaceId)).toBe(401);
    expect(await sessionsOf(ana.userId)).toEqual([]);
    expect(await inboxStatus(colleague, colleagueSession)).toBe(200);
  });

  it("is refused to an anonymous caller and to a signed-out cookie, deleting nothing", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId } = await signIn(ana);
    actAs(null);
    expect(await signOutEverywhere({})).toMatchObject({ ok: false, code: "unauthorized:session" });
    actAsSession({ ...ana, workspaceId }, null);
    expect(await signOutEverywhere({})).toMatchObject({ ok: false, code: "unauthorized:session" });
    expect((await sessionsOf(ana.userId)).map((s) => s.id)).toEqual([sessionId]);
  });

  it("by a member of another workspace leaves this workspace's sessions alone", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId } = await signIn(ana);
    const olga = await createMember(db, { workspaceId: otherWorkspaceId });
    actAs({ userId: olga.userId, workspaceId: otherWorkspaceId });
    expect((await signOutEverywhere({})).ok).toBe(true);
    expect(await inboxStatus(ana, sessionId)).toBe(200);
  });
});

async function passwordHashOf(userId: string) {
  return (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]!.h;
}

describe("changing one's password", () => {
  const input = (currentPassword: string, newPassword = "a-new-password-1", confirmPassword = newPassword) => ({
    currentPassword,
    newPassword,
    confirmPassword,
  });

  it("keeps this browser signed in, ends every other session, and the new password is the one that signs in", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId: current } = await signIn(ana);
    const { sessionId: other } = await signIn(ana);

    actAsSession({ ...ana, workspaceId }, current);
    expect(await changeOwnPassword(input(ana.password))).toEqual({ ok: true, data: { endedSessions: 1 } });
    expect(await inboxStatus(ana, current)).toBe(200);
    expect(await inboxStatus(ana, other)).toBe(401);
    expect(await verifyCredentials(db, { email: ana.email, password: ana.password })).toMatchObject({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(db, { email: ana.email, password: "a-new-password-1" })).toMatchObject({ ok: true });
  });

  it("answers a wrong current password, a short new one and a mismatched confirmation on their fields, changing nothing", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId: current } = await signIn(ana);
    const { sessionId: other } = await signIn(ana);
    const hash = await passwordHashOf(ana.userId);
    actAsSession({ ...ana, workspaceId }, current);

    const wrong = await changeOwnPassword(input("not-my-password"));
    expect(wrong).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { currentPassword: "The current password is not correct." } });
    const short = await changeOwnPassword(input(ana.password, "short"));
    expect(short).toMatchObject({ ok: false, fieldErrors: { newPassword: "Use at least 8 characters." } });
    const mismatch = await changeOwnPassword(input(ana.password, "a-new-password-1", "a-new-password-2"));
    expect(mismatch).toMatchObject({ ok: false, fieldErrors: { confirmPassword: "The passwords don't match." } });

    expect(await passwordHashOf(ana.userId)).toBe(hash);
    expect(await inboxStatus(ana, other)).toBe(200);
  });

  it("counts wrong current passwords against the sign-in limit: slowed, then locked for both", async () => {
    const ana = await createMember(db, { workspaceId });
    const { sessionId } = await signIn(ana);
    const slept: number[] = [];
    const options = { sleep: async (ms: number) => void slept.push(ms) };
    const who = { userId: ana.userId, email: ana.email, sessionId };
    for (let i = 0; i < 4; i++) {
      await expect(changePassword(db, who, input(`wrong-${i}`), options)).rejects.toMatchObject({ fields: { currentPassword: { key: "current_password_wrong" } } });
    }
    expect(slept).toEqual([1_000, 2_000]);
    await expect(changePassword(db, who, input("wrong-5"), options)).rejects.toMatchObject({ code: "rate_limited:password" });
    // Locked now even with the right password, here and at sign-in.
    await expect(changePassword(db, who, input(ana.password), options)).rejects.toMatchObject({ code: "rate_limited:password" });
    expect(await verifyCredentials(db, { email: ana.email, password: ana.password })).toMatchObject({ ok: false, reason: "locked" });
  });

  it("is refused to an anonymous caller and to a signed-out cookie", async () => {
    const ana = await createMember(db, { workspaceId });
    const hash = await passwordHashOf(ana.userId);
    actAs(null);
    expect(await changeOwnPassword(input(ana.password))).toMatchObject({ ok: false, code: "unauthorized:session" });
    actAsSession({ ...ana, workspaceId }, null);
    expect(await changeOwnPassword(input(ana.password))).toMatchObject({ ok: false, code: "unauthorized:session" });
    expect(await passwordHashOf(ana.userId)).toBe(hash);
  });

  it("a sign-in that verified the old password just before the change gets no session", async () => {
    const ana = await createMember(db, { workspaceId });
    const oldHash = await passwordHashOf(ana.userId);
    await db.update(users).set({ passwordHash: await hashPassword("changed-meanwhile") }).where(eq(users.id, ana.userId));
    expect(await openAuthSession(db, { userId: ana.userId, workspaceId, passwordHash: oldHash })).toBeNull();
    expect(await sessionsOf(ana.userId)).toEqual([]);
  });
});

describe("deactivation", () => {
  it("ends the member's sessions in that workspace: refused now, and still refused after reactivation until they sign in again", async () => {
    const ana = await createMember(db, { workspaceId });
    await db.insert(memberships).values({ workspaceId: otherWorkspaceId, userId: ana.userId, role: "agent" });
    const { sessionId } = await signIn(ana);
    const elsewhere = await openAuthSession(db, { userId: ana.userId, workspaceId: otherWorkspaceId, passwordHash: await passwordHashOf(ana.userId) });
    const [membership] = await db.select().from(memberships).where(eq(memberships.id, ana.membershipId));

    await setMemberActive(db, workspaceId, admin.userId, membership!.id, false);
    expect(await inboxStatus(ana, sessionId)).toBe(401);
    await setMemberActive(db, workspaceId, admin.userId, membership!.id, true);
    expect(await inboxStatus(ana, sessionId)).toBe(401);
    // The other workspace's session is not this admin's to end.
    expect(await inboxStatus(ana, elsewhere, otherWorkspaceId)).toBe(200);

    const again = await signIn(ana);
    expect(await inboxStatus(ana, again.sessionId)).toBe(200);
  });

  it("a sign-in that raced the deactivation gets no session for the deactivated membership", async () => {
    const ana = await createMember(db, { workspaceId, active: false });
    expect(await openAuthSession(db, { userId: ana.userId, workspaceId, passwordHash: await passwordHashOf(ana.userId) })).toBeNull();
  });
});

describe("the test helpers", () => {
  it("actAs opens a session row on first use, as a fresh sign-in would", async () => {
    const ana = await createMember(db, { workspaceId });
    actAs({ userId: ana.userId, workspaceId });
    const response = await listConversations(new Request("http://x/api/inbox/conversations"), undefined as never);
    expect(response.status).toBe(200);
    expect((await sessionsOf(ana.userId)).map((s) => s.id)).toEqual([currentSid()]);
  });
});
