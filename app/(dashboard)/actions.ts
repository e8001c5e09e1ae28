"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, publicAction } from "@/lib/actions/safe-action";
import { signOut } from "@/lib/auth/auth";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { assignWaitingConversations } from "@/lib/assignment/auto-assign";
import { conversationAudience, eventsFor } from "@/lib/realtime/audience";
import { publish } from "@/lib/realtime/publish";
import { getSettings } from "@/lib/settings/stored-section";
import { supportAgentSection } from "@/lib/settings/support-agent";
import { availabilitySchema, localeSchema, setOwnAvailability, setOwnLocale } from "@/lib/team/members";

export const setAvailability = action(
  { name: "setAvailability", permission: "profile:update", input: z.object({ availability: availabilitySchema }) },
  async ({ db, member }, { availability }) => {
    await setOwnAvailability(db, member.workspaceId, member.userId, availability);
    // Chats that arrived while nobody was available are picked up as soon as someone is.
    if (availability === "available") {
      const made = await assignWaitingConversations(db, member.workspaceId, await getSettings(db, member.workspaceId, supportAgentSection));
      const events = await Promise.all(
        made.map(async (a) => eventsFor(await conversationAudience(db, member.workspaceId, a.userId), "conversation.updated", { conversationId: a.conversationId })),
      );
      await publish(events.flat());
    }
    revalidatePath("/", "layout");
  },
);

export const setLocale = action(
  { name: "setLocale", permission: "profile:update", input: z.object({ locale: localeSchema }) },
  async ({ db, member }, { locale }) => {
    await setOwnLocale(db, member.userId, locale);
    // Kept in a cookie too, so the sign-in screen speaks the same language after signing out.
    (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
    revalidatePath("/", "layout");
  },
);

/** Signing out needs no permission: it only clears this browser's session. */
export const logout = publicAction({ name: "logout", input: z.object({}) }, async () => {
  await signOut({ redirectTo: "/login" });
});
