import { and, eq } from "drizzle-orm";
import PusherClient, { type ChannelAuthorizationHandler, type UserAuthenticationHandler } from "pusher-js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { assignConversationAction } from "@/app/(dashboard)/inbox/actions";
import { createLeadFromConversationAction, updateLeadAction } from "@/app/(dashboard)/leads/actions";
import { saveSettingsAction } from "@/app/(dashboard)/settings/actions";
import { changeRoleAction, setMemberActiveAction } from "@/app/(dashboard)/team/actions";
import { POST as authRoute } from "@/app/api/pusher/auth/route";
import { POST as userAuthRoute } from "@/app/api/pusher/user-auth/route";
import { runConnection, type ConnectionHandlers, type RealtimeStatus } from "@/components/realtime/realtime-connection";
import type { DbConnection } from "@/lib/db/client";
import { contacts, conversations, leads } from "@/lib/db/schema";
import { eventsFor, workspaceNewsChannels } from "@/lib/realtime/audience";
import { adminsChannel, event, userChannel, workspaceChannel } from "@/lib/realtime/events";
import { publish } from "@/lib/realtime/publish";
import { autoLeadSection } from "@/lib/settings/auto-lead";
import { saveSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { saveChannel } from "@/lib/whatsapp/channel";
import type { PusherServer } from "@/scripts/pusher-server/server";
import { startLocalPusher } from "../support/local-pusher";
import { flushAfter } from "../support/after-queue";
import { createMember, createWorkspace } from "../support/factories";
import { actAs, useDatabase } from "../support/request-context";
import { createTestDb } from "../support/test-db";
import { callWebhook } from "../support/webhook-endpoint";
import { signedRequest, textMessage, webhookBody } from "../support/webhook";

/**
 * Who hears what in real time, end to end: each member is a real pusher-js
 * client running the browser's connection code (components/realtime/
 * realtime-connection.ts) against the local Pusher server, signed in through
 * /api/pusher/user-auth and subscribed through /api/pusher/auth, while the
 * admin acts through the real server actions.
 */
const APP = { appId: "access-app", key: "access-key", secret: "access-secret" };
const PHONE = "100000000000777";

type Member = { userId: string; membershipId: string; workspaceId: string; role: "admin" | "agent" };

let connection: DbConnection;
let server: PusherServer;
let stopPusher: () => Promise<void>;
let workspaceId: string;
let admin: Member;
let ana: Member;
let bruno: Member;
const opened: Array<() => void> = [];

async function member(role: "admin" | "agent"): Promise<Member> {
  return { ...(await createMember(connection.db, { workspaceId, role })), workspaceId, role };
}

async function chat(waId: string, assigneeId: string | null) {
  const [contact] = await connection.db.insert(contacts).values({ workspaceId, waId, profileName: `Cliente ${waId}` }).returning();
  const [conversation] = await connection.db
    .insert(conversations)
    .values({ workspaceId, contactId: contact!.id, assignedUserId: assigneeId, lastInboundAt: new Date(), lastMessagePreview: "oi" })
    .returning();
  return { contactId: contact!.id, conversationId: conversation!.id, waId };
}

beforeAll(async () => {
  connection = await createTestDb();
  useDatabase(connection.db);
  ({ server, stop: stopPusher } = await startLocalPusher(APP));
  workspaceId = (await createWorkspace(connection.db)).id;
  admin = await member("admin");
  ana = await member("agent");
  bruno = await member("agent");
  await saveChannel(connection.db, workspaceId, { phoneNumberId: PHONE, wabaId: "1000007", displayPhoneNumber: "+55 11 90000-0007", accessToken: "t" });
  await restrict(true);
});
afterAll(async () => {
  await stopPusher();
  await connection.close();
});
afterEach(() => {
  for (const close of opened.splice(0)) close();
  vi.restoreAllMocks();
});

const restrict = (on: boolean) => saveSettings(connection.db, workspaceId, supportAgentSection, { restrictToAssigned: on, autoAssign: false, method: "round_robin" }, null);

function form(body: Record<string, string>, path: string): Request {
  return new Request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body).toString(),
  });
}

/** What pusher-js does with its two endpoints, as this member's browser (the session is read when the route is called). */
function authorizeAs(m: Member): ChannelAuthorizationHandler {
  return ({ socketId, channelName }, callback) => {
    actAs(m);
    authRoute(form({ socket_id: socketId, channel_name: channelName }, "/api/pusher/auth"), {})
      .then(async (res) => (res.ok ? callback(null, await res.json()) : callback(new Error(`auth answered ${res.status}`), null)))
      .catch((error: Error) => callback(error, null));
  };
}
function authenticateAs(m: Member, refusals: number[]): UserAuthenticationHandler {
  return ({ socketId }, callback) => {
    actAs(m);
    userAuthRoute(form({ socket_id: socketId }, "/api/pusher/user-auth"), {})
      .then(async (res) => {
        if (res.ok) return callback(null, await res.json());
        refusals.push(res.status);
        callback(new Error(`user-auth answered ${res.status}`), null);
      })
      .catch((error: Error) => callback(error, null));
  };
}

type Live = {
  received: { name: string; data: unknown }[];
  terminated: number;
  resubscribed: number;
  /** What the tab's indicator showed, in order, each change once. */
  statuses: RealtimeStatus[];
  signinRefusals: number[];
  refused: string[];
  client: PusherClient;
};

/** A member's browser tab: the channels the provider subscribes for their role, through the provider's connection code. */
async function openTab(m: Member, role = m.role): Promise<Live> {
  const signinRefusals: number[] = [];
  const client = new PusherClient(APP.key, {
    cluster: "mt1",
    wsHost: "127.0.0.1",
    wsPort: server.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: { customHandler: authorizeAs(m) },
    userAuthentication: { customHandler: authenticateAs(m, signinRefusals) },
  } as ConstructorParameters<typeof PusherClient>[1]);
  const tab: Live = { received: [], terminated: 0, resubscribed: 0, statuses: [], signinRefusals, refused: [], client };
  const names = [workspaceChannel(workspaceId), userChannel(m.userId), ...(role === "admin" ? [adminsChannel(workspaceId)] : [])];
  const handlers: ConnectionHandlers = {
    onStatus: (status) => void (tab.statuses.at(-1) !== status && tab.statuses.push(status)),
    onEvent: (name, data) => void tab.received.push({ name, data }),
    onResubscribed: () => void tab.resubscribed++,
    onTerminated: () => void tab.terminated++,
  };
  opened.push(runConnection(client, names, handlers));
  for (const name of names) client.channel(name)!.bind("pusher:subscription_error", () => void tab.refused.push(name));
  await until(() => tab.resubscribed === 1 && client.user.user_data?.id === m.userId, "the tab to subscribe and sign in");
  // Connected is shown only with every channel subscribed: a test that waits on it may publish at once.
  expect(tab.statuses).toEqual(["connecting", "connected"]);
  return tab;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let fences = 0;
/**
 * Publishes a marker on the workspace channel and waits until each tab got
 * it: Pusher keeps one connection's events in order, so whatever was
 * published before has reached them by then.
 */
async function fence(...tabs: Live[]): Promise<void> {
  const section = `fence-${++fences}`;
  await publish(eventsFor(workspaceNewsChannels(workspaceId), "settings.updated", { section }));
  const got = (tab: Live) => tab.received.some((e) => e.name === "settings.updated" && (e.data as { section: string }).section === section);
  await until(() => tabs.every(got), `fence ${section}`);
}

const mentions = (tab: Live, id: string) => tab.received.filter((e) => JSON.stringify(e.data).includes(id)).map((e) => e.name);

async function asAdmin<T>(run: () => Promise<T>): Promise<T> {
  actAs(admin);
  return run();
}

describe("an agent restricted to their own chats, in real time", () => {
  it("hears nothing of a colleague's chat an admin hands over, while the colleague who lost it and the admins do", async () => {
    const brunos = await chat("5511977000001", bruno.userId);
    const [anaTab, brunoTab, adminTab] = await Promise.all([openTab(ana), openTab(bruno), openTab(admin)]);

    expect(await asAdmin(() => assignConversationAction({ conversationId: brunos.conversationId, toUserId: admin.userId }))).toMatchObject({ ok: true });
    await fence(anaTab, brunoTab, adminTab);

    expect(mentions(brunoTab, brunos.conversationId)).toContain("conversation.updated");
    expect(mentions(adminTab, brunos.conversationId)).toEqual(expect.arrayContaining(["conversation.updated", "conversation.assigned"]));
    expect(mentions(anaTab, brunos.conversationId)).toEqual([]);
  });

  it("hears nothing of a colleague's lead an admin edits or creates, while its assignee and the admins do", async () => {
    const brunos = await chat("5511977000002", bruno.userId);
    const [lead] = await connection.db.insert(leads).values({ workspaceId, contactId: brunos.contactId, conversationId: brunos.conversationId, assignedUserId: bruno.userId }).returning();
    const another = await chat("5511977000003", bruno.userId);
    const [anaTab, brunoTab, adminTab] = await Promise.all([openTab(ana), openTab(bruno), openTab(admin)]);

    expect(await asAdmin(() => updateLeadAction({ leadId: lead!.id, notes: "ligar amanhã" }))).toMatchObject({ ok: true });
    const created = await asAdmin(() => createLeadFromConversationAction({ conversationId: another.conversationId }));
    expect(created).toMatchObject({ ok: true, data: { created: true } });
    const createdId = created.ok ? created.data.leadId : "";
    await fence(anaTab, brunoTab, adminTab);

    for (const id of [lead!.id, createdId]) {
      expect(mentions(brunoTab, id), id).toContain("lead.updated");
      expect(mentions(adminTab, id), id).toContain("lead.updated");
      expect(mentions(anaTab, id), id).toEqual([]);
    }
  });

  it("is told of a lead captured from their own chat only when the lead is theirs: it follows the lead's assignee", async () => {
    const anas = await chat("5511977000004", ana.userId);
    await saveSettings(connection.db, workspaceId, autoLeadSection, { enabled: true, status: "new", sourceId: null, assigneeUserId: bruno.userId, unassignedMode: "none" }, null);
    const [anaTab, brunoTab] = await Promise.all([openTab(ana), openTab(bruno)]);
    try {
      const response = await callWebhook(signedRequest(webhookBody(PHONE, { messages: [textMessage(anas.waId, "wamid.access.lead", "quero comprar")] })));
      expect(response.status).toBe(200);
      await flushAfter();
    } finally {
      await saveSettings(connection.db, workspaceId, autoLeadSection, { enabled: false, status: "new", sourceId: null, assigneeUserId: null, unassignedMode: "none" }, null);
    }
    const [lead] = await connection.db.select().from(leads).where(and(eq(leads.workspaceId, workspaceId), eq(leads.contactId, anas.contactId)));
    expect(lead!.assignedUserId).toBe(bruno.userId);
    await fence(anaTab, brunoTab);

    expect(mentions(brunoTab, lead!.id)).toEqual(expect.arrayContaining(["lead.created", "lead.assigned"]));
    expect(mentions(anaTab, lead!.id)).toEqual([]);
    // Her own chat's news still reaches her.
    expect(mentions(anaTab, anas.conversationId)).toEqual(expect.arrayContaining(["conversation.updated", "message.created"]));
  });
});

describe("closing the live connections of a member whose access shrank", () => {
  it("deactivating a member closes their open tab at once, and its reconnection is refused everything", async () => {
    const edu = await member("agent");
    const tab = await openTab(edu);
    vi.spyOn(console, "warn").mockImplementation(() => {});

    expect(await asAdmin(() => setMemberActiveAction({ membershipId: edu.membershipId, active: false }))).toMatchObject({ ok: true });
    await until(() => tab.terminated === 1, "the tab to be terminated");
    expect(server.terminations).toContainEqual({ appId: APP.appId, userId: edu.userId, closed: 1 });

    // It comes back by itself, and is refused signing in and every channel.
    await until(() => tab.signinRefusals.length === 1 && tab.refused.length === 2, "the reconnection to be refused");
    expect(tab.signinRefusals).toEqual([401]);
    // Refused every channel, the tab never shows itself connected again.
    expect(tab.statuses).toEqual(["connecting", "connected", "reconnecting"]);
    expect(new Set(tab.refused)).toEqual(new Set([workspaceChannel(workspaceId), userChannel(edu.userId)]));
    const adminTab = await openTab(admin);
    await publish([event(userChannel(edu.userId), "conversation.assigned", { conversationId: "c-x", toUserId: edu.userId, byUserId: null, contactName: "x" })]);
    await fence(adminTab);
    expect(tab.received.filter((e) => e.name === "conversation.assigned")).toEqual([]);
  });

  it("changing an admin's role closes their open tab, and the reconnection no longer gets the admins' channel", async () => {
    const carla = await member("admin");
    const tab = await openTab(carla);
    vi.spyOn(console, "warn").mockImplementation(() => {});

    expect(await asAdmin(() => changeRoleAction({ membershipId: carla.membershipId, role: "agent" }))).toMatchObject({ ok: true });
    await until(() => tab.terminated === 1, "the tab to be terminated");
    await until(() => tab.refused.length === 1, "the admins' channel to be refused");
    expect(tab.refused).toEqual([adminsChannel(workspaceId)]);
    await until(() => tab.client.user.user_data?.id === carla.userId, "the tab to sign in again");

    const brunos = await chat("5511977000005", bruno.userId);
    const lead = await leadOf(brunos);
    expect(await asAdmin(() => updateLeadAction({ leadId: lead.id, notes: "x" }))).toMatchObject({ ok: true });
    await fence(tab);
    expect(mentions(tab, brunos.conversationId)).toEqual([]);
    expect(tab.received.filter((e) => e.name === "lead.updated")).toEqual([]);
  });

  it("turning the restriction on closes every agent's open tab, not the admins', which then subscribe again", async () => {
    await restrict(false);
    const [anaTab, adminTab] = await Promise.all([openTab(ana), openTab(admin)]);
    const before = server.terminations.length;

    const save = () => saveSettingsAction({ section: "support-agent", values: { restrictToAssigned: true, autoAssign: false, method: "round_robin" } });
    expect(await asAdmin(save)).toMatchObject({ ok: true });
    await until(() => anaTab.terminated === 1, "the agent's tab to be terminated");
    const terminated = server.terminations.slice(before).map((t) => t.userId);
    expect(terminated).toEqual(expect.arrayContaining([ana.userId, bruno.userId]));
    expect(terminated).not.toContain(admin.userId);
    expect(adminTab.terminated).toBe(0);

    // Back, signed in and subscribed again: the provider's lists refetch on that.
    await until(() => anaTab.resubscribed === 2 && anaTab.client.user.user_data?.id === ana.userId, "the agent's tab to come back");
    expect(anaTab.refused).toEqual([]);
    expect(anaTab.statuses).toEqual(["connecting", "connected", "reconnecting", "connected"]);

    // Saving with the restriction already on closes nothing.
    const again = server.terminations.length;
    expect(await asAdmin(save)).toMatchObject({ ok: true });
    expect(server.terminations.length).toBe(again);
  });
});

async function leadOf(c: { contactId: string; conversationId: string }) {
  const [lead] = await connection.db.insert(leads).values({ workspaceId, contactId: c.contactId, conversationId: c.conversationId, assignedUserId: bruno.userId }).returning();
  return lead!;
}
