import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeRoleAction, setMemberActiveAction } from "@/app/(dashboard)/team/actions";
import { saveSettingsAction, testWhatsappConnectionAction } from "@/app/(dashboard)/settings/actions";
import type { DbConnection } from "@/lib/db/client";
import { memberships, whatsappChannels } from "@/lib/db/schema";
import { resetEnvCache } from "@/lib/env";
import { listMembers } from "@/lib/team/members";
import { getChannelForForm, saveChannel } from "@/lib/whatsapp/channel";
import { startGraphFake } from "../fakes/graph-api";
import { actAs, useDatabase } from "../support/request-context";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

/** A member of workspace A, whatever ids they forge, never reads or changes workspace B. */
let connection: DbConnection;
let graph: Awaited<ReturnType<typeof startGraphFake>>;
const A = { id: "", admin: null as unknown as Awaited<ReturnType<typeof createMember>> };
const B = { id: "", admin: null as unknown as Awaited<ReturnType<typeof createMember>>, agent: null as unknown as Awaited<ReturnType<typeof createMember>> };

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  graph = await startGraphFake();
  process.env.WHATSAPP_GRAPH_URL = graph.url;
  resetEnvCache();
  A.id = (await createWorkspace(connection.db, { name: "A" })).id;
  B.id = (await createWorkspace(connection.db, { name: "B" })).id;
  A.admin = await createMember(connection.db, { workspaceId: A.id, role: "admin" });
  B.admin = await createMember(connection.db, { workspaceId: B.id, role: "admin" });
  B.agent = await createMember(connection.db, { workspaceId: B.id, role: "agent" });
  await saveChannel(connection.db, B.id, { phoneNumberId: "200000000000001", wabaId: "200000000000002", displayPhoneNumber: "+55 21 90000-0002", accessToken: "token-of-b" });
  graph.setToken("token-of-b");
  graph.setPhoneNumber("200000000000001", { verified_name: "Loja B", display_phone_number: "+55 21 90000-0002" });
});
afterAll(async () => {
  await graph.close();
  await connection.close();
  delete process.env.WHATSAPP_GRAPH_URL;
  resetEnvCache();
});
beforeEach(() => actAs({ ...A.admin, workspaceId: A.id, role: "admin" }));

describe("an admin of workspace A", () => {
  it("lists only A's members", async () => {
    const members = await listMembers(connection.db, A.id);
    expect(members.map((m) => m.userId)).toEqual([A.admin.userId]);
  });

  it("gets not found when changing the role of a member of B, and B is unchanged", async () => {
    const result = await changeRoleAction({ membershipId: B.agent.membershipId, role: "admin" });
    expect(result).toMatchObject({ ok: false, code: "not_found:member" });
    const [row] = await connection.db.select().from(memberships).where(eq(memberships.id, B.agent.membershipId));
    expect(row).toMatchObject({ role: "agent", active: true });
  });

  it("gets not found when deactivating a member of B", async () => {
    const result = await setMemberActiveAction({ membershipId: B.admin.membershipId, active: false });
    expect(result).toMatchObject({ ok: false, code: "not_found:member" });
    const [row] = await connection.db.select().from(memberships).where(eq(memberships.id, B.admin.membershipId));
    expect(row!.active).toBe(true);
  });

  it("saves settings into A only, cannot claim B's number, and never sees B's channel", async () => {
    expect((await getChannelForForm(connection.db, A.id)).values.phoneNumberId).toBe("");
    const claim = await saveSettingsAction({
      section: "whatsapp",
      values: { phoneNumberId: "200000000000001", wabaId: "1234567", displayPhoneNumber: "+55 11 91111-1111", accessToken: "token-of-a" },
    });
    expect(claim).toMatchObject({ ok: false, fieldErrors: { "values.phoneNumberId": "This number is already connected to another workspace." } });
    const [bChannel] = await connection.db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, B.id));
    expect(bChannel).toMatchObject({ phoneNumberId: "200000000000001", wabaId: "200000000000002" });

    const own = await saveSettingsAction({
      section: "whatsapp",
      values: { phoneNumberId: "100000000000009", wabaId: "1234567", displayPhoneNumber: "+55 11 91111-1111", accessToken: "token-of-a" },
    });
    expect(own).toMatchObject({ ok: true });
    expect((await getChannelForForm(connection.db, B.id)).values.displayPhoneNumber).toBe("+55 21 90000-0002");

    // Test connection uses A's own channel and token: the fake accepts only B's token, so A is refused.
    const test = await testWhatsappConnectionAction({});
    expect(test).toMatchObject({ ok: true, data: { ok: false, reason: "graph_error" } });
    expect(graph.requests.at(-1)).toMatchObject({ path: "/v23.0/100000000000009", headers: { authorization: "Bearer token-of-a" } });
  });
});

describe("an agent of workspace B", () => {
  beforeEach(() => actAs({ ...B.agent, workspaceId: B.id, role: "agent" }));

  it("cannot save or test B's settings", async () => {
    const save = await saveSettingsAction({
      section: "whatsapp",
      values: { phoneNumberId: "300000000000001", wabaId: "1234567", displayPhoneNumber: "+55 11 91111-1111", accessToken: "" },
    });
    expect(save).toMatchObject({ ok: false, code: "not_found:settings" });
    expect(await testWhatsappConnectionAction({})).toMatchObject({ ok: false, code: "not_found:settings" });
    expect((await getChannelForForm(connection.db, B.id)).values.phoneNumberId).toBe("200000000000001");
  });
});

it("a session naming a workspace the user does not belong to is treated as signed out", async () => {
  actAs({ ...A.admin, workspaceId: B.id, role: "admin" });
  expect(await changeRoleAction({ membershipId: B.agent.membershipId, role: "admin" })).toMatchObject({ ok: false, code: "unauthorized:session" });
});
