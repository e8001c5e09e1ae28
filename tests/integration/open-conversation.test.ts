import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { parseWhatsAppNumber, type WhatsAppNumber } from "@/lib/whatsapp/phone-number";
import type { Db, DbConnection } from "@/lib/db/client";
import { contacts, conversationEvents, conversations } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { openConversationWith } from "@/lib/composition/open-conversation";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { createMember, createWorkspace } from "../support/factories";
import { createTestDb } from "../support/test-db";

let connection: DbConnection;
let db: Db;
let workspaceId: string;
let otherWorkspaceId: string;
let ana: Actor;
let bia: Actor;
let admin: Actor;

const number = (typed: string): WhatsAppNumber => parseWhatsAppNumber(typed)!;
const open = (member: Actor, typed: string, name: string | null = null) =>
  db.transaction((tx) => openConversationWith(tx, member, { number: number(typed), name }, new Date()));

beforeAll(async () => {
  connection = await createTestDb();
  db = connection.db;
  workspaceId = (await createWorkspace(db, { name: "Loja" })).id;
  otherWorkspaceId = (await createWorkspace(db, { name: "Outra" })).id;
  const member = async (role: "admin" | "agent", name: string): Promise<Actor> => {
    const m = await createMember(db, { workspaceId, role, name });
    return { userId: m.userId, workspaceId, role };
  };
  ana = await member("agent", "Ana");
  bia = await member("agent", "Bia");
  admin = await member("admin", "Admin");
});
afterAll(async () => {
  await connection?.close();
});

describe("openConversationWith", () => {
  it("creates the contact and a thread assigned to whoever started it, with the assignment in its history", async () => {
    const opened = await open(ana, "(11) 98888-0001", "Carla Dias");
    expect(opened).toMatchObject({ createdConversation: true, waId: "5511988880001" });
    expect(opened.conversation).toMatchObject({ workspaceId, assignedUserId: ana.userId, status: "open", unreadCount: 0, lastInboundAt: null });
    const [contact] = await db.select().from(contacts).where(eq(contacts.id, opened.contactId));
    expect(contact).toMatchObject({ waId: "5511988880001", profileName: "Carla Dias" });
    const events = await db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, opened.conversation.id));
    expect(events).toMatchObject([{ kind: "assigned", fromUserId: null, toUserId: ana.userId, actorUserId: ana.userId }]);
  });

  it("reuses a customer stored under the old 8-digit spelling, keeping its thread and WhatsApp's name", async () => {
    const [contact] = await db.insert(contacts).values({ workspaceId, waId: "552188880002", profileName: "Davi (WhatsApp)" }).returning();
    const [thread] = await db.insert(conversations).values({ workspaceId, contactId: contact!.id, assignedUserId: bia.userId }).returning();
    const opened = await open(admin, "+55 21 98888-0002", "Davi");
    expect(opened).toMatchObject({ createdConversation: false, waId: "552188880002", assignment: null });
    expect(opened.conversation).toMatchObject({ id: thread!.id, assignedUserId: bia.userId });
    const stored = await db.select().from(contacts).where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.profileName, "Davi (WhatsApp)")));
    expect(stored).toHaveLength(1);
    expect(await db.select().from(contacts).where(eq(contacts.waId, "5521988880002"))).toHaveLength(0);
  });

  it("takes an unassigned thread for the member and reopens a resolved one", async () => {
    const [contact] = await db.insert(contacts).values({ workspaceId, waId: "5511988880003" }).returning();
    const [thread] = await db
      .insert(conversations)
      .values({ workspaceId, contactId: contact!.id, status: "resolved", resolvedAt: new Date() })
      .returning();
    const opened = await open(ana, "11988880003", "Eva");
    expect(opened.assignment).toEqual({ conversationId: thread!.id, fromUserId: null, toUserId: ana.userId });
    expect(opened.conversation).toMatchObject({ status: "open", resolvedAt: null, assignedUserId: ana.userId });
    const kinds = (await db.select().from(conversationEvents).where(eq(conversationEvents.conversationId, thread!.id))).map((e) => e.kind).sort();
    expect(kinds).toEqual(["assigned", "reopened"]);
    const [named] = await db.select().from(contacts).where(eq(contacts.id, contact!.id));
    expect(named?.profileName).toBe("Eva");
  });

  it("refuses another agent's thread when chats are restricted to their assignee, and changes nothing", async () => {
    const first = await open(bia, "11988880004", "Fábio");
    await saveSettings(db, workspaceId, supportAgentSection, { restrictToAssigned: true, autoAssign: true, method: "round_robin" }, null);
    try {
      const refused = await open(ana, "11988880004", "Outro nome").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: "conflict:conversation", messageKey: "conversation_of_another_agent" });
      const [row] = await db.select().from(conversations).where(eq(conversations.id, first.conversation.id));
      expect(row?.assignedUserId).toBe(bia.userId);
      // Admins see every chat.
      expect((await open(admin, "11988880004")).conversation.id).toBe(first.conversation.id);
    } finally {
      await saveSettings(db, workspaceId, supportAgentSection, { restrictToAssigned: false, autoAssign: true, method: "round_robin" }, null);
    }
  });

  it("keeps workspaces apart: the same number is another contact elsewhere", async () => {
    const here = await open(ana, "11988880005");
    const other = await createMember(db, { workspaceId: otherWorkspaceId, role: "agent" });
    const there = await open({ userId: other.userId, workspaceId: otherWorkspaceId, role: "agent" }, "11988880005");
    expect(there.contactId).not.toBe(here.contactId);
    expect(there.conversation.workspaceId).toBe(otherWorkspaceId);
  });

  it("gives two members starting the same new number at once one contact and one thread", async () => {
    const [a, b] = await Promise.all([open(ana, "11988880006", "Gil"), open(bia, "11988880006", "Gil")]);
    expect(a.conversation.id).toBe(b.conversation.id);
    expect(await db.select().from(contacts).where(eq(contacts.waId, "5511988880006"))).toHaveLength(1);
  });
});
