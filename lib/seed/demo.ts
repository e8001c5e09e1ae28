import { eq } from "drizzle-orm";
import { seedDefaultPrompts } from "@/lib/ai/prompts";
import { hashPassword } from "@/lib/auth/password";
import { encryptSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { contacts, conversations, memberships, messages, users, whatsappChannels, workspaces, type Role } from "@/lib/db/schema";

export const DEMO = {
  workspaceName: "Demo",
  phoneNumberId: "100000000000001",
  wabaId: "100000000000002",
  displayPhoneNumber: "+55 11 90000-0001",
  accessToken: "demo-access-token",
  password: "demo-password",
  members: [
    { email: "admin@demo.test", name: "Admin Demo", role: "admin" as Role },
    { email: "ana@demo.test", name: "Ana Souza", role: "agent" as Role },
    { email: "bruno@demo.test", name: "Bruno Lima", role: "agent" as Role },
  ],
} as const;

/**
 * Creates the demo workspace of CONTRACT.md once. A workspace already owning
 * the demo number means the seed ran before: nothing is touched, so a second
 * run keeps whatever the user changed.
 */
export async function seedDemo(db: Db): Promise<{ created: boolean; workspaceId: string }> {
  const [existing] = await db
    .select({ workspaceId: whatsappChannels.workspaceId })
    .from(whatsappChannels)
    .where(eq(whatsappChannels.phoneNumberId, DEMO.phoneNumberId));
  if (existing) return { created: false, workspaceId: existing.workspaceId };

  const passwordHash = await hashPassword(DEMO.password);
  const workspaceId = await db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name: DEMO.workspaceName, locale: "pt-BR" }).returning();
    const id = workspace!.id;
    await tx.insert(whatsappChannels).values({
      workspaceId: id,
      phoneNumberId: DEMO.phoneNumberId,
      wabaId: DEMO.wabaId,
      displayPhoneNumber: DEMO.displayPhoneNumber,
      accessTokenEncrypted: encryptSecret(DEMO.accessToken, id),
    });
    const userIds: string[] = [];
    for (const member of DEMO.members) {
      const [user] = await tx
        .insert(users)
        .values({ email: member.email, name: member.name, passwordHash })
        .onConflictDoUpdate({ target: users.email, set: { name: member.name } })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ workspaceId: id, userId: user!.id, role: member.role }).onConflictDoNothing();
      userIds.push(user!.id);
    }
    await seedConversations(tx, id, userIds[1]!);
    await seedDefaultPrompts(tx, id);
    return id;
  });
  return { created: true, workspaceId };
}

type DemoMessage = { from: "customer" | "agent"; text: string; minutesAgo: number };

/** A few chats so the inbox is not empty on first start; times are relative to the seeding moment. */
const DEMO_CHATS: { waId: string; name: string; resolved?: boolean; messages: DemoMessage[] }[] = [
  {
    waId: "5511987654321",
    name: "Maria Souza",
    messages: [
      { from: "customer", text: "Olá! Quanto custa o plano anual?", minutesAgo: 42 },
      { from: "agent", text: "Oi, Maria! O plano anual sai por R$ 1.188, com 2 meses grátis.", minutesAgo: 40 },
      { from: "customer", text: "Tem desconto para pagamento no Pix?", minutesAgo: 5 },
    ],
  },
  {
    waId: "5521912345678",
    name: "João Pereira",
    messages: [
      { from: "customer", text: "Meu pedido 1234 ainda não chegou", minutesAgo: 180 },
      { from: "agent", text: "Vou verificar com a transportadora e já te retorno.", minutesAgo: 175 },
    ],
  },
  {
    waId: "5531999990000",
    name: "Carla Mendes",
    resolved: true,
    messages: [
      { from: "customer", text: "Vocês abrem no sábado?", minutesAgo: 60 * 26 },
      { from: "agent", text: "Abrimos sim, das 9h às 13h!", minutesAgo: 60 * 26 - 3 },
      { from: "customer", text: "Obrigada!", minutesAgo: 60 * 26 - 5 },
    ],
  },
];

async function seedConversations(tx: Db, workspaceId: string, agentUserId: string) {
  const now = Date.now();
  for (const [chatIndex, chat] of DEMO_CHATS.entries()) {
    const at = (m: DemoMessage) => new Date(now - m.minutesAgo * 60_000);
    const last = chat.messages.at(-1)!;
    const lastInbound = [...chat.messages].reverse().find((m) => m.from === "customer")!;
    const [contact] = await tx.insert(contacts).values({ workspaceId, waId: chat.waId, profileName: chat.name }).returning();
    const [conversation] = await tx
      .insert(conversations)
      .values({
        workspaceId,
        contactId: contact!.id,
        status: chat.resolved ? "resolved" : "open",
        resolvedAt: chat.resolved ? at(last) : null,
        unreadCount: last.from === "customer" && !chat.resolved ? 1 : 0,
        lastMessageAt: at(last),
        lastMessagePreview: last.text,
        lastMessageType: "text",
        lastMessageDirection: last.from === "customer" ? "inbound" : "outbound",
        lastMessageSender: last.from,
        lastMessageAuthorId: last.from === "agent" ? agentUserId : null,
        lastInboundAt: at(lastInbound),
      })
      .returning();
    await tx.insert(messages).values(
      chat.messages.map((m, i) => ({
        workspaceId,
        conversationId: conversation!.id,
        wamid: `wamid.demo.${chatIndex}.${i}`,
        direction: m.from === "customer" ? ("inbound" as const) : ("outbound" as const),
        sender: m.from,
        authorUserId: m.from === "agent" ? agentUserId : null,
        type: "text",
        text: m.text,
        status: m.from === "customer" ? ("received" as const) : ("read" as const),
        sentAt: at(m),
      })),
    );
  }
}

export function demoLoginsText(): string {
  const lines = DEMO.members.map((m) => `  ${m.role.padEnd(6)} ${m.email.padEnd(18)} ${DEMO.password}`);
  return ["Demo logins (dev and tests only):", ...lines].join("\n");
}
