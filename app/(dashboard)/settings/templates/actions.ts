"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { AppError } from "@/lib/errors";
import { settingsUpdatedEvents } from "@/lib/realtime/audience";
import { publish } from "@/lib/realtime/publish";
import { syncTemplates } from "@/lib/templates/sync";

/** "Sync templates": reads every template from Meta; a failure is said in words and changes nothing stored. */
export const syncTemplatesAction = action(
  { name: "syncTemplates", permission: "settings:manage", input: z.object({}) },
  async ({ db, member }) => {
    const result = await syncTemplates(db, member.workspaceId);
    if (!result.ok) {
      throw new AppError("unavailable:templates", {
        messageKey: `templates_sync_${result.reason}`,
        values: { message: result.message ?? "", code: result.code ?? "" },
      });
    }
    revalidatePath("/settings/templates");
    // Open composers re-read the templates they offer.
    await publish(settingsUpdatedEvents(member.workspaceId, "templates"));
    return { count: result.count, removed: result.removed, syncedAt: result.syncedAt.toISOString() };
  },
);
