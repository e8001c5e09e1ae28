"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createPrompt, deletePrompt, movePrompt, promptInputSchema, updatePrompt } from "@/lib/ai/prompts";
import { action } from "@/lib/actions/safe-action";

// The wand menu reads the prompts when a chat page renders, so only this page needs refreshing.
function revalidatePrompts() {
  revalidatePath("/settings/ai-prompts");
}

const byId = z.object({ id: z.uuid() });

export const createAiPromptAction = action(
  { name: "createAiPrompt", permission: "settings:manage", input: promptInputSchema },
  async ({ db, member }, input) => {
    const created = await createPrompt(db, member.workspaceId, input);
    revalidatePrompts();
    return created;
  },
);

export const updateAiPromptAction = action(
  { name: "updateAiPrompt", permission: "settings:manage", input: byId.extend(promptInputSchema.shape) },
  async ({ db, member }, input) => {
    await updatePrompt(db, member.workspaceId, input.id, input);
    revalidatePrompts();
  },
);

export const moveAiPromptAction = action(
  { name: "moveAiPrompt", permission: "settings:manage", input: byId.extend({ direction: z.enum(["up", "down"]) }) },
  async ({ db, member }, input) => {
    await movePrompt(db, member.workspaceId, input.id, input.direction);
    revalidatePrompts();
  },
);

export const deleteAiPromptAction = action(
  { name: "deleteAiPrompt", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await deletePrompt(db, member.workspaceId, input.id);
    revalidatePrompts();
  },
);
