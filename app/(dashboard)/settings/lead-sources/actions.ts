"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { addSource, archiveSource, deleteSource, renameSource, restoreSource, sourceNameSchema } from "@/lib/leads/sources";

// The auto lead form offers the active sources, so it is refreshed with this page.
function revalidateSources() {
  revalidatePath("/settings/lead-sources");
  revalidatePath("/settings/auto-lead");
}

const byId = z.object({ id: z.uuid() });

export const addLeadSourceAction = action(
  { name: "addLeadSource", permission: "settings:manage", input: z.object({ name: sourceNameSchema }) },
  async ({ db, member }, input) => {
    const created = await addSource(db, member.workspaceId, input.name);
    revalidateSources();
    return created;
  },
);

export const renameLeadSourceAction = action(
  { name: "renameLeadSource", permission: "settings:manage", input: byId.extend({ name: sourceNameSchema }) },
  async ({ db, member }, input) => {
    await renameSource(db, member.workspaceId, input.id, input.name);
    revalidateSources();
  },
);

export const archiveLeadSourceAction = action(
  { name: "archiveLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await archiveSource(db, member.workspaceId, input.id);
    revalidateSources();
  },
);

export const restoreLeadSourceAction = action(
  { name: "restoreLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await restoreSource(db, member.workspaceId, input.id);
    revalidateSources();
  },
);

export const deleteLeadSourceAction = action(
  { name: "deleteLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await deleteSource(db, member.workspaceId, input.id);
    revalidateSources();
  },
);
