import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { listPrompts } from "./prompts";
import { getAiConfig } from "./provider";

/** What the composer's wand needs: the saved prompts by name (instructions stay on the server). */
export type ComposerAiOptions = { prompts: { id: string; name: string }[] };

/**
 * The wand's options for this member, or null to hide it (AI off, or a role
 * without `ai:use`). Hiding is only convenience: the AI route checks again.
 */
export async function getComposerAiOptions(db: Db, member: Actor): Promise<ComposerAiOptions | null> {
  if (!can(member, "ai:use")) return null;
  const { enabled } = await getAiConfig(db, member.workspaceId);
  if (!enabled) return null;
  const prompts = await listPrompts(db, member.workspaceId);
  return { prompts: prompts.map(({ id, name }) => ({ id, name })) };
}
