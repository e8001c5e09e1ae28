import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createQuickReplyAction, deleteQuickReplyAction, updateQuickReplyAction } from "@/app/(dashboard)/quick-replies/actions";
import { GET as quickRepliesRoute } from "@/app/api/inbox/conversations/[conversationId]/quick-replies/route";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, quickReplies } from "@/lib/db/schema";
import { listQuickReplies } from "@/lib/quick-replies/queries";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";

vi.mock("@/lib/realtime/publish", () => ({ publish: vi.fn(async () => {}) }));

/*
 * Rule (issue 17): the workspace's quick replies are written by admins and used by everyone; each member keeps
 * their own, which nobody else sees or changes; another workspace's replies do not exist.
 */

type Member = Awaited<ReturnType<typeof createMember>>;
let connection: DbConnection;
const db = () => connection.db;
let workspaceId: string;
let otherWorkspaceId: string;
let admin: Member;
let ana: Member;
let bruno: Member;
let olga: Member;

const asAdmin = () => actAs({ ...admin, workspaceId, role: "admin" });
const asAna = () => actAs({ ...ana, workspaceId, role: "agent" });
const asBruno = () => actAs({ ...bruno, workspaceId, role: "agent" });
const asOlga = () => actAs({ ...olga, workspaceId: otherWorkspaceId, role: "admin" });

let n = 0;
const reply = (extra: Partial<{ scope: "workspace" | "own"; title: string; shortcut: string; body: string }> = {}) => {
  n += 1;
  return { scope: "own" as const, title: `Resposta ${n}`, shortcut: `r${n}`, body: `Texto ${n}`, ...extra };
};
async function created(input: Parameters<typeof createQuickReplyAction>[0]): Promise<string> {
  const result = await createQuickReplyAction(input);
  if (!result.ok) throw new Error(`create failed: ${JSON.stringify(result)}`);
  return result.data.id;
}
const rowOf = async (id: string) => (await db().select().from(quickReplies).where(eq(quickReplies.id, id)))[0];

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  workspaceId = (await createWorkspace(db())).id;
  otherWorkspaceId = (await createWorkspace(db())).id;
  admin = await createMember(db(), { workspaceId, role: "admin", name: "Carla Admin" });
  ana = await createMember(db(), { workspaceId, role: "agent", name: "Ana Souza" });
  bruno = await createMember(db(), { workspaceId, role: "agent", name: "Bruno Lima" });
  olga = await createMember(db(), { workspaceId: otherWorkspaceId, role: "admin", name: "Olga Outra" });
});
afterAll(async () => {
  actAs(null);
  await connection.close();
});

describe("creating quick replies", () => {
  it("an admin adds a workspace reply, stored with its shortcut normalized", async () => {
    asAdmin();
    const id = await created(reply({ scope: "workspace", title: "  Chave Pix ", shortcut: " /PIX ", body: " Nossa chave Pix é 123.\nObrigado! " }));
    expect(await rowOf(id)).toMatchObject({ workspaceId, ownerUserId: null, title: "Chave Pix", shortcut: "pix", body: "Nossa chave Pix é 123.\nObrigado!" });
  });

  it("an agent adds a reply of her own", async () => {
    asAna();
    const id = await created(reply({ shortcut: "/Oi" }));
    expect(await rowOf(id)).toMatchObject({ workspaceId, ownerUserId: ana.userId, shortcut: "oi" });
  });

  it("refuses an agent adding a workspace reply, with a reason, and stores nothing", async () => {
    asAna();
    const before = (await db().select().from(quickReplies)).length;
    expect(await createQuickReplyAction(reply({ scope: "workspace", shortcut: "agent-try" }))).toMatchObject({
      ok: false,
      code: "forbidden:quick_reply",
      error: expect.stringContaining("Only an admin"),
    });
    expect((await db().select().from(quickReplies)).length).toBe(before);
  });

  it("refuses a shortcut already in the same list as a field error, in either case or with a slash", async () => {
    asAdmin();
    await created(reply({ scope: "workspace", shortcut: "entrega" }));
    expect(await createQuickReplyAction(reply({ scope: "workspace", shortcut: "/ENTREGA" }))).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: { shortcut: "This shortcut is already used in this list. Choose another." },
    });
  });

  it("lets a member's own reply share a workspace shortcut, and two members use the same one", async () => {
    asAna();
    await created(reply({ shortcut: "entrega" }));
    asBruno();
    await created(reply({ shortcut: "entrega" }));
    asAna();
    expect(await createQuickReplyAction(reply({ shortcut: "entrega" }))).toMatchObject({ ok: false, fieldErrors: { shortcut: expect.any(String) } });
  });

  it("answers field errors for an empty title, a bad shortcut, a text past 4096 characters and NUL bytes", async () => {
    asAna();
    expect(await createQuickReplyAction({ scope: "own", title: " ", shortcut: "two words", body: "x".repeat(4097) })).toMatchObject({
      ok: false,
      code: "bad_request:fields",
      fieldErrors: {
        title: "Required.",
        shortcut: "Use 1 to 32 letters, digits, - or _, with no spaces.",
        body: "A WhatsApp message can have at most 4,096 characters.",
      },
    });
    expect(await createQuickReplyAction({ scope: "own", title: "a\u0000", shortcut: "nul", body: "b\u0000" })).toMatchObject({
      ok: false,
      fieldErrors: { title: "Remove the invisible NUL character from this text.", body: "Remove the invisible NUL character from this text." },
    });
  });

  it("refuses wrong types and an unknown scope without storing anything", async () => {
    asAdmin();
    const hostile = [
      { scope: "everyone", title: "t", shortcut: "s", body: "b" },
      { scope: "own", title: 5, shortcut: ["s"], body: { text: "b" } },
      { scope: "own", title: "t", shortcut: "a".repeat(100_000), body: "b" },
      null,
    ];
    for (const input of hostile) {
      expect(await createQuickReplyAction(input as never), JSON.stringify(input)?.slice(0, 60)).toMatchObject({ ok: false, code: "bad_request:fields" });
    }
  });

  it("refuses anonymous callers", async () => {
    actAs(null);
    expect(await createQuickReplyAction(reply())).toMatchObject({ ok: false, code: "unauthorized:session" });
  });
});

describe("changing and deleting quick replies", () => {
  let workspaceReply: string;
  let anasReply: string;
  beforeEach(async () => {
    asAdmin();
    workspaceReply = await created(reply({ scope: "workspace" }));
    asAna();
    anasReply = await created(reply());
  });

  it("an admin edits and deletes a workspace reply", async () => {
    asAdmin();
    expect(await updateQuickReplyAction({ id: workspaceReply, title: "Novo", shortcut: "/Novo-1", body: "Novo texto" })).toMatchObject({ ok: true });
    expect(await rowOf(workspaceReply)).toMatchObject({ title: "Novo", shortcut: "novo-1", body: "Novo texto", ownerUserId: null });
    expect(await deleteQuickReplyAction({ id: workspaceReply })).toMatchObject({ ok: true });
    expect(await rowOf(workspaceReply)).toBeUndefined();
  });

  it("refuses an agent editing or deleting a workspace reply (403), leaving it as it was", async () => {
    asAna();
    const before = await rowOf(workspaceReply);
    expect(await updateQuickReplyAction({ id: workspaceReply, title: "x", shortcut: "x", body: "x" })).toMatchObject({ ok: false, code: "forbidden:quick_reply" });
    expect(await deleteQuickReplyAction({ id: workspaceReply })).toMatchObject({ ok: false, code: "forbidden:quick_reply" });
    expect(await rowOf(workspaceReply)).toEqual(before);
  });

  it("the owner edits and deletes her own reply", async () => {
    asAna();
    expect(await updateQuickReplyAction({ id: anasReply, title: "Meu", shortcut: "meu", body: "Meu texto" })).toMatchObject({ ok: true });
    expect(await rowOf(anasReply)).toMatchObject({ title: "Meu", shortcut: "meu", ownerUserId: ana.userId });
    expect(await deleteQuickReplyAction({ id: anasReply })).toMatchObject({ ok: true });
    expect(await rowOf(anasReply)).toBeUndefined();
  });

  it("nobody else, not even an admin, sees, edits or deletes a member's own reply: not found", async () => {
    for (const who of [asBruno, asAdmin]) {
      who();
      expect(await updateQuickReplyAction({ id: anasReply, title: "x", shortcut: "x", body: "x" })).toMatchObject({ ok: false, code: "not_found:quick_reply" });
      expect(await deleteQuickReplyAction({ id: anasReply })).toMatchObject({ ok: false, code: "not_found:quick_reply" });
    }
    expect(await rowOf(anasReply)).toMatchObject({ ownerUserId: ana.userId });
  });

  it("another workspace's admin gets not found for this workspace's replies", async () => {
    asOlga();
    for (const id of [workspaceReply, anasReply]) {
      expect(await updateQuickReplyAction({ id, title: "x", shortcut: "x", body: "x" })).toMatchObject({ ok: false, code: "not_found:quick_reply" });
      expect(await deleteQuickReplyAction({ id })).toMatchObject({ ok: false, code: "not_found:quick_reply" });
      expect(await rowOf(id)).toBeDefined();
    }
  });

  it("answers not found for a malformed or unknown id instead of failing", async () => {
    asAdmin();
    for (const id of ["not-a-uuid", "00000000-0000-0000-0000-000000000000", "'; drop table quick_replies; --"]) {
      expect(await deleteQuickReplyAction({ id })).toMatchObject({ ok: false, code: "not_found:quick_reply" });
    }
  });

  it("refuses renaming to a shortcut taken in the same list", async () => {
    asAna();
    const other = await created(reply({ shortcut: "ocupado" }));
    expect(await updateQuickReplyAction({ id: anasReply, title: "t", shortcut: "OCUPADO", body: "b" })).toMatchObject({
      ok: false,
      fieldErrors: { shortcut: expect.any(String) },
    });
    expect(await rowOf(other)).toMatchObject({ shortcut: "ocupado" });
  });
});

describe("listing quick replies", () => {
  it("shows a member the workspace's replies and only their own", async () => {
    const lists = await listQuickReplies(db(), { workspaceId, userId: bruno.userId });
    expect(lists.workspace.length).toBeGreaterThan(0);
    expect(lists.workspace.every((r) => r.scope === "workspace")).toBe(true);
    const brunosOwn = await db().select().from(quickReplies).where(eq(quickReplies.ownerUserId, bruno.userId));
    expect(lists.own.map((r) => r.id).sort()).toEqual(brunosOwn.map((r) => r.id).sort());
    expect(await listQuickReplies(db(), { workspaceId: otherWorkspaceId, userId: olga.userId })).toEqual({ workspace: [], own: [] });
  });
});

describe("the composer's list for a chat", () => {
  let anasChat: string;
  let brunosChat: string;
  let namelessChat: string;
  let foreignChat: string;
  async function chat(workspace: string, profileName: string | null, assignee: string | null) {
    n += 1;
    const [contact] = await db().insert(contacts).values({ workspaceId: workspace, waId: `5511966600${n}`, profileName }).returning();
    const [conversation] = await db().insert(conversations).values({ workspaceId: workspace, contactId: contact!.id, assignedUserId: assignee }).returning();
    return conversation!.id;
  }
  const get = (conversationId: string) => quickRepliesRoute(new Request("http://x/"), { params: Promise.resolve({ conversationId }) });
  const restrict = (restrictToAssigned: boolean) =>
    saveSettings(db(), workspaceId, supportAgentSection, { restrictToAssigned, autoAssign: false, method: "round_robin" }, null);

  beforeAll(async () => {
    anasChat = await chat(workspaceId, "Maria da Silva", ana.userId);
    brunosChat = await chat(workspaceId, "João", bruno.userId);
    namelessChat = await chat(workspaceId, null, ana.userId);
    foreignChat = await chat(otherWorkspaceId, "Cliente Outra", null);
    asAdmin();
    await created({ scope: "workspace", title: "Saudação", shortcut: "ola", body: "Olá {{first_name}}, aqui é {{agent_name}}." });
    asAna();
    await created({ scope: "own", title: "Minha saudação", shortcut: "ola", body: "Oi {{name}}! Sou a {{agent_name}}." });
    asBruno();
    await created({ scope: "own", title: "Do Bruno", shortcut: "bruno-only", body: "Só do Bruno" });
  });
  beforeEach(() => restrict(false));

  it("lists the workspace's replies and the agent's own, filled for the contact and the agent", async () => {
    asAna();
    const response = await get(anasChat);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: { scope: string; shortcut: string; text: string }[] };
    const ola = items.filter((i) => i.shortcut === "ola");
    expect(ola).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ scope: "workspace", text: "Olá Maria, aqui é Ana Souza." }),
        expect.objectContaining({ scope: "own", text: "Oi Maria da Silva! Sou a Ana Souza." }),
      ]),
    );
    expect(items.some((i) => i.shortcut === "bruno-only"), "a colleague's own reply").toBe(false);
  });

  it("leaves a missing contact name out cleanly", async () => {
    asAna();
    const { items } = (await (await get(namelessChat)).json()) as { items: { scope: string; shortcut: string; text: string }[] };
    expect(items.find((i) => i.shortcut === "ola" && i.scope === "workspace")?.text).toBe("Olá, aqui é Ana Souza.");
    expect(items.find((i) => i.shortcut === "ola" && i.scope === "own")?.text).toBe("Oi! Sou a Ana Souza.");
  });

  it("answers 404 for another workspace's chat, a malformed id, and a chat the agent may not see", async () => {
    asAna();
    expect((await get(foreignChat)).status).toBe(404);
    expect((await get("nope")).status).toBe(404);
    expect((await get(brunosChat)).status).toBe(200);
    await restrict(true);
    const hidden = await get(brunosChat);
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).not.toContain("João");
  });

  it("answers 401 to a caller who is not signed in", async () => {
    actAs(null);
    expect((await get(anasChat)).status).toBe(401);
  });
});
