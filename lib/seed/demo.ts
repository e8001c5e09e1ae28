import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { encryptSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { memberships, users, whatsappChannels, workspaces, type Role } from "@/lib/db/schema";

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
    for (const member of DEMO.members) {
      const [user] = await tx
        .insert(users)
        .values({ email: member.email, name: member.name, passwordHash })
        .onConflictDoUpdate({ target: users.email, set: { name: member.name } })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ workspaceId: id, userId: user!.id, role: member.role }).onConflictDoNothing();
    }
    return id;
  });
  return { created: true, workspaceId };
}

export function demoLoginsText(): string {
  const lines = DEMO.members.map((m) => `  ${m.role.padEnd(6)} ${m.email.padEnd(18)} ${DEMO.password}`);
  return ["Demo logins (dev and tests only):", ...lines].join("\n");
}
