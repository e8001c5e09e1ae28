import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addAgentAction, changeRoleAction, setMemberActiveAction } from "@/app/(dashboard)/team/actions";
import { setAvailability, setLocale } from "@/app/(dashboard)/actions";
import { verifyCredentials } from "@/lib/auth/credentials";
import type { DbConnection } from "@/lib/db/client";
import { memberships, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { changeRole, setMemberActive } from "@/lib/team/members";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
let workspaceId: string;
let admin: Awaited<ReturnType<typeof createMember>>;
let agent: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(connection.db)).id;
  admin = await createMember(connection.db, { workspaceId, role: "admin", name: "Alice Admin" });
  agent = await createMember(connection.db, { workspaceId, role: "agent", name: "Arthur Agent" });
});
afterAll(() => connection.close());
beforeEach(() => actAs({ ...admin, workspaceId, role: "admin" }));

const membershipOf = async (membershipId: string) =>
  (await connection.db.select().from(memberships).where(eq(memberships.id, membershipId)))[0]!;

describe("adding an agent", () => {
  it("creates an active agent who can then sign in", async () => {
    const result = await addAgentAction({ name: "Carla", email: " Carla@Example.com ", password: "carla-pass-1" });
    expect(result.ok).toBe(true);
    const signIn = await verifyCredentials(connection.db, { email: "carla@example.com", password: "carla-pass-1" });
    expect(signIn).toMatchObject({ ok: true, identity: { workspaceId, role: "agent" } });
  });

  it("refuses a registered e-mail with a field error and creates nothing", async () => {
    const before = await connection.db.select().from(users);
    const result = await addAgentAction({ name: "Dup", email: admin.email, password: "another-pass-1" });
    expect(result).toMatchObject({ ok: false, code: "bad_request:fields", fieldErrors: { email: "This e-mail is already registered." } });
    expect(await connection.db.select().from(users)).toHaveLength(before.length);
  });

  it("shows field errors for a short password and a bad e-mail", async () => {
    const result = await addAgentAction({ name: "", email: "nope", password: "short" });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { name: "Required.", email: "Enter a valid e-mail address.", password: "Use at least 8 characters." },
    });
  });
});

describe("changing roles and status", () => {
  it("promotes and demotes an agent", async () => {
    expect(await changeRoleAction({ membershipId: agent.membershipId, role: "admin" })).toMatchObject({ ok: true });
    expect((await membershipOf(agent.membershipId)).role).toBe("admin");
    expect(await changeRoleAction({ membershipId: agent.membershipId, role: "agent" })).toMatchObject({ ok: true });
    expect((await membershipOf(agent.membershipId)).role).toBe("agent");
  });

  it("refuses to change the acting admin's own role or status", async () => {
    expect(await changeRoleAction({ membershipId: admin.membershipId, role: "agent" })).toMatchObject({ ok: false, code: "conflict:own_membership" });
    expect(await setMemberActiveAction({ membershipId: admin.membershipId, active: false })).toMatchObject({ ok: false, code: "conflict:own_membership" });
    expect(await membershipOf(admin.membershipId)).toMatchObject({ role: "admin", active: true });
  });

  it("never leaves the workspace without an active admin, even when two admins demote each other at once", async () => {
    const second = await createMember(connection.db, { workspaceId, role: "admin" });
    const results = await Promise.all([
      (async () => {
        actAs({ ...admin, workspaceId, role: "admin" });
        return changeRoleAction({ membershipId: second.membershipId, role: "agent" });
      })(),
      (async () => {
        actAs({ ...second, workspaceId, role: "admin" });
        return changeRoleAction({ membershipId: admin.membershipId, role: "agent" });
      })(),
    ]);
    const admins = await connection.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin"), eq(memberships.active, true)));
    expect(admins).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The loser is refused for a reason, never a generic failure (which a deadlock would give): either it
    // waited for the admin locks and found itself the last admin, or it was already demoted when its request began.
    const loser = results.find((r) => !r.ok);
    expect(["conflict:last_admin", "not_found:team"]).toContain(loser && !loser.ok ? loser.code : "");
    // Restore: make sure Alice is the admin for the following tests.
    await connection.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, admin.membershipId));
    await connection.db.update(memberships).set({ active: false }).where(eq(memberships.id, second.membershipId));
  });

  it("serialises concurrent demotions in the domain layer: one wins, the other is told it would remove the last admin", async () => {
    const second = await createMember(connection.db, { workspaceId, role: "admin" });
    const outcomes = await Promise.allSettled([
      changeRole(connection.db, workspaceId, admin.userId, second.membershipId, "agent"),
      setMemberActive(connection.db, workspaceId, second.userId, admin.membershipId, false),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect((rejected.reason as AppError).code).toBe("conflict:last_admin");
    await connection.db.update(memberships).set({ role: "admin", active: true }).where(eq(memberships.id, admin.membershipId));
    await connection.db.update(memberships).set({ active: false }).where(eq(memberships.id, second.membershipId));
  });

  it("deactivates a member, who is then refused on the next request and at sign-in, and reactivates them", async () => {
    expect(await setMemberActiveAction({ membershipId: agent.membershipId, active: false })).toMatchObject({ ok: true });
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await setAvailability({ availability: "away" })).toMatchObject({ ok: false, code: "unauthorized:session" });
    expect(await verifyCredentials(connection.db, { email: agent.email, password: agent.password })).toMatchObject({ ok: false, reason: "inactive" });

    actAs({ ...admin, workspaceId, role: "admin" });
    expect(await setMemberActiveAction({ membershipId: agent.membershipId, active: true })).toMatchObject({ ok: true });
    actAs({ ...agent, workspaceId, role: "agent" });
    expect(await setAvailability({ availability: "away" })).toMatchObject({ ok: true });
  });
});

describe("an agent", () => {
  beforeEach(() => actAs({ ...agent, workspaceId, role: "agent" }));

  it("is refused every team action with not found, and nothing changes", async () => {
    const other = await createMember(connection.db, { workspaceId, role: "agent" });
    expect(await addAgentAction({ name: "X", email: "x@example.com", password: "x-password-1" })).toMatchObject({ ok: false, code: "not_found:team" });
    expect(await changeRoleAction({ membershipId: other.membershipId, role: "admin" })).toMatchObject({ ok: false, code: "not_found:team" });
    expect(await setMemberActiveAction({ membershipId: other.membershipId, active: false })).toMatchObject({ ok: false, code: "not_found:team" });
    expect(await membershipOf(other.membershipId)).toMatchObject({ role: "agent", active: true });
    expect(await connection.db.select().from(users).where(eq(users.email, "x@example.com"))).toHaveLength(0);
  });

  it("sets their own availability and language", async () => {
    expect(await setAvailability({ availability: "away" })).toMatchObject({ ok: true });
    expect((await membershipOf(agent.membershipId)).availability).toBe("away");
    expect(await setLocale({ locale: "en" })).toMatchObject({ ok: true });
    const [user] = await connection.db.select().from(users).where(eq(users.id, agent.userId));
    expect(user!.locale).toBe("en");
    expect(await setLocale({ locale: "fr" as never })).toMatchObject({ ok: false, code: "bad_request:fields" });
  });
});

it("refuses an anonymous caller", async () => {
  actAs(null);
  expect(await addAgentAction({ name: "X", email: "y@example.com", password: "x-password-1" })).toMatchObject({ ok: false, code: "unauthorized:session" });
});
