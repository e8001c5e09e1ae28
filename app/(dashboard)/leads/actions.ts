"use server";

import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { createLeadFromConversation } from "@/lib/leads/create";
import { leadPatchSchema } from "@/lib/leads/patch";
import { updateLead } from "@/lib/leads/update";
import { publish } from "@/lib/realtime/publish";

// Ids are plain strings on purpose: a malformed or foreign id answers
// not_found:lead from lib/leads/access.ts, the same as another workspace's.
const id = z.string().max(100);

/** Saves one or more fields of a lead; each changed field becomes a timeline event. */
export const updateLeadAction = action(
  { name: "updateLead", permission: "leads:edit", input: leadPatchSchema.extend({ leadId: id }) },
  async ({ db, member }, { leadId, ...patch }) => {
    const { changed, events } = await updateLead(db, member, leadId, patch);
    await publish(events);
    return { changed };
  },
);

/** Makes a lead of a chat's contact when auto lead is off; an existing lead's id comes back with `created: false`. */
export const createLeadFromConversationAction = action(
  { name: "createLeadFromConversation", permission: "leads:edit", input: z.object({ conversationId: id }) },
  async ({ db, member }, input) => {
    const { leadId, created, events } = await createLeadFromConversation(db, member, input.conversationId);
    await publish(events);
    return { leadId, created };
  },
);
