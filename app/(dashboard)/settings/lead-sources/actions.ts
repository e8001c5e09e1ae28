"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { addSource, archiveSource, deleteSource, renameSource, restoreSource, sourceNameSchema } from "@/lib/leads/sources";
import { settingsUpdatedEvents } from "@/lib/realtime/audience";
import { publish } from "@/lib/realtime/publish";

// The auto lead form offers the active sources, so it is refreshed with this page; open lead pages, which
// offer them too, re-render on the `settings.updated` news.
async function sourcesChanged(workspaceId: string) {
  revalidatePath("/settings/lead-sources");
  revalidatePath("/settings/auto-lead");
  await publish(settingsUpdatedEvents(workspaceId, "lead-sources"));
}

const byId = z.object({ id: z.uuid() });

export const addLeadSourceAction = action(
  { name: "addLeadSource", permission: "settings:manage", input: z.object({ name: sourceNameSchema }) },
  async ({ db, member }, input) => {
    const created = await addSource(db, member.workspaceId, input.name);
    await sourcesChanged(member.workspaceId);
    return created;
  },
);

export const renameLeadSourceAction = action(
  { name: "renameLeadSource", permission: "settings:manage", input: byId.extend({ name: sourceNameSchema }) },
  async ({ db, member }, input) => {
    await renameSource(db, member.workspaceId, input.id, input.name);
    await sourcesChanged(member.workspaceId);
  },
);

export const archiveLeadSourceAction = action(
  { name: "archiveLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await archiveSource(db, member.workspaceId, input.id);
    await sourcesChanged(member.workspaceId);
  },
);

export const restoreLeadSourceAction = action(
  { name: "restoreLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await restoreSource(db, member.workspaceId, input.id);
    await sourcesChanged(member.workspaceId);
  },
);

export const deleteLeadSourceAction = action(
  { name: "deleteLeadSource", permission: "settings:manage", input: byId },
  async ({ db, member }, input) => {
    await deleteSource(db, member.workspaceId, input.id);
    await sourcesChanged(member.workspaceId);
  },
);
