"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { runCleanup } from "@/lib/retention/cleanup";

/** The page's function may run 60 s (maxDuration in page.tsx); the run stops in time to record itself. */
const MANUAL_BUDGET_MS = 50_000;

/**
 * "Run cleanup now": deletes by the saved period at once, whether or not the
 * schedule is switched on. No input: the workspace is the member's own.
 */
export const runChatCleanupAction = action(
  { name: "runChatCleanup", permission: "settings:manage", input: z.object({}) },
  async ({ db, member }) => {
    const result = await runCleanup(db, {
      workspaceId: member.workspaceId,
      trigger: "manual",
      triggeredBy: member.userId,
      now: new Date(),
      budgetMs: MANUAL_BUDGET_MS,
    });
    revalidatePath("/settings/chat-cleanup");
    if (result.status === "busy" || result.status === "disabled") return { status: "busy" as const };
    return {
      status: result.status,
      messagesDeleted: result.messagesDeleted,
      conversationsDeleted: result.conversationsDeleted,
      durationMs: result.durationMs,
    };
  },
);
