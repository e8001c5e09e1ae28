import { z } from "zod";
import { seedDefaultPrompts } from "@/lib/ai/prompts";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { memberships, users, workspaces } from "@/lib/db/schema";
import { FieldErrors } from "@/lib/errors";
import { LOCALES } from "@/lib/i18n/config";

export const newWorkspaceSchema = z.object({
  workspaceName: z.string().trim().min(1).max(120),
  locale: z.enum(LOCALES).default("pt-BR"),
  adminName: z.string().trim().min(1).max(120),
  adminEmail: z.string().trim().toLowerCase().pipe(z.email()),
  adminPassword: z.string().min(8).max(200),
});

/** A new business with its first admin: how a real deployment starts (`npm run workspace:create`). */
export async function createWorkspaceWithAdmin(db: Db, input: z.output<typeof newWorkspaceSchema>) {
  const passwordHash = await hashPassword(input.adminPassword);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.adminEmail, name: input.adminName, passwordHash, locale: input.locale })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) throw new FieldErrors({ adminEmail: { key: "email_taken" } });
    const [workspace] = await tx.insert(workspaces).values({ name: input.workspaceName, locale: input.locale }).returning({ id: workspaces.id });
    await tx.insert(memberships).values({ workspaceId: workspace!.id, userId: user.id, role: "admin" });
    // The five default AI prompts, in the workspace's language.
    await seedDefaultPrompts(tx, workspace!.id);
    return { workspaceId: workspace!.id, userId: user.id };
  });
}
