"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { createQuickReplySchema, updateQuickReplySchema } from "@/lib/quick-replies/input";
import { createQuickReply, deleteQuickReply, updateQuickReply } from "@/lib/quick-replies/mutations";

// Who may write which reply (workspace ones: admins; own ones: their owner) is decided in lib/quick-replies/mutations.ts.

export const createQuickReplyAction = action(
  { name: "createQuickReply", permission: "quick_replies:use", input: createQuickReplySchema },
  async ({ db, member }, input) => {
    const created = await createQuickReply(db, member, input);
    revalidatePath("/quick-replies");
    return created;
  },
);

export const updateQuickReplyAction = action(
  { name: "updateQuickReply", permission: "quick_replies:use", input: updateQuickReplySchema },
  async ({ db, member }, input) => {
    await updateQuickReply(db, member, input.id, input);
    revalidatePath("/quick-replies");
  },
);

export const deleteQuickReplyAction = action(
  { name: "deleteQuickReply", permission: "quick_replies:use", input: z.object({ id: z.string().max(100) }) },
  async ({ db, member }, input) => {
    await deleteQuickReply(db, member, input.id);
    revalidatePath("/quick-replies");
  },
);
