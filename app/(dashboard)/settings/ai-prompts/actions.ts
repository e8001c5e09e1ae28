"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createPrompt, deletePrompt, movePrompt, promptInputSchema, updatePrompt } from "@/lib/ai/prompts";
import { action } from "@/lib/actions/safe-action";
import { settingsUpdatedEvents } from "@/lib/realtime/audience";
import { publish } from "@/lib/realtime/publish";

/**
 * The wand menu reads the prompts when a chat page renders: open chat pages re-render on the
 * `settings.updated` news (components/realtime/settings-refresh.tsx), so a new prompt shows without a reload.
 */
async function promptsChanged(workspaceId: string) {
  revalidatePath("/settings/ai-prompts");
  await publish(settingsUpdatedEvents(workspaceId, "ai-prompts"));
}

const byId = z.object({ id: z.uuid() });

export const createAiPromptAction = action(
  { name: "createAiPrompt", permission: "settings:manage", input: promptInputSchema },
  async ({ db, member }, input) => {
    const created = await createPrompt(db, member.workspaceId, input);
    await promptsChanged(member.workspaceId);
    return created;
  },
);

export const updateAiPromptAction = action(
  { name: "updateAiPrompt", permission: "settings:manage", input: byId.extend(promptInputSchema.shape) },
  async ({ db, member }, input) => {
    await updatePrompt(db, member.workspaceId, input.id, input);
    await promptsChanged(member.workspaceId);
  },
);

export const moveAiPromptAction = action(
  { name: "moveAiPrompt", permission: "settings:manage", input: byId.extend({ direction: z.enum(["up", "down"]) }) },
  async ({ db, member }, input) => {
    await movePrompt(db, member.workspaceId, input.id, input.direction);
    await promptsChanged(member.workspaceId);
  },
);

export const deleteAiPromptAction = action(
  { name: "deleteAiPrompt", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await deletePrompt(db, member.workspaceId, input.id);
    await promptsChanged(member.workspaceId);
  },
);
