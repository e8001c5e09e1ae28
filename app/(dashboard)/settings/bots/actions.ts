"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { botInputSchema } from "@/lib/bots/rules/definition";
import { createBot, deleteBot, moveBot, setBotEnabled, updateBot } from "@/lib/bots/rules/manage";

/*
 * The Bots screen (admins). Ids arrive as plain strings and are checked in lib/bots/rules/manage.ts
 * (a malformed or foreign id is "not found"); the bot itself is parsed whole by botInputSchema, so field
 * errors keep its paths (`reply.buttons.1.title`). The engine reads the bots on each message: nothing to publish.
 */

const byId = z.object({ id: z.string().max(100) });

function botsChanged(botId?: string) {
  revalidatePath("/settings/bots");
  if (botId) revalidatePath(`/settings/bots/${botId}`);
}

export const createBotAction = action({ name: "createBot", permission: "settings:manage", input: botInputSchema }, async ({ db, member }, input) => {
  const created = await createBot(db, member, input);
  botsChanged();
  return created;
});

export const updateBotAction = action(
  { name: "updateBot", permission: "settings:manage", input: byId.and(botInputSchema) },
  async ({ db, member }, { id, ...input }) => {
    await updateBot(db, member, id, input);
    botsChanged(id);
  },
);

export const setBotEnabledAction = action(
  { name: "setBotEnabled", permission: "settings:manage", input: byId.extend({ enabled: z.boolean() }) },
  async ({ db, member }, input) => {
    await setBotEnabled(db, member, input.id, input.enabled);
    botsChanged(input.id);
  },
);

export const moveBotAction = action(
  { name: "moveBot", permission: "settings:manage", input: byId.extend({ direction: z.enum(["up", "down"]) }) },
  async ({ db, member }, input) => {
    await moveBot(db, member, input.id, input.direction);
    botsChanged();
  },
);

export const deleteBotAction = action({ name: "deleteBot", permission: "settings:manage", input: byId }, async ({ db, member }, input) => {
  const result = await deleteBot(db, member, input.id);
  botsChanged();
  return result;
});
