"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action, publicAction } from "@/lib/actions/safe-action";
import { auth, signOut } from "@/lib/auth/auth";
import { endAuthSession, endUserSessions } from "@/lib/auth/auth-sessions";
import { changePassword, changePasswordSchema } from "@/lib/auth/change-password";
import { LOCALE_COOKIE } from "@/lib/i18n/config";
import { assignWaitingConversations } from "@/lib/assignment/auto-assign";
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
      const { events } = await assignWaitingConversations(db, member.workspaceId, await getSettings(db, member.workspaceId, supportAgentSection));
      await publish(events);
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

/**
 * Signing out needs no permission: it ends this browser's session. The row
 * goes first, so a copy of the cookie kept elsewhere stops working too
 * (clearing the cookie alone would leave the JWT valid for 30 days).
 */
export const logout = publicAction({ name: "logout", input: z.object({}) }, async ({ db }) => {
  const user = (await auth())?.user;
  if (user?.id && user.sessionId) await endAuthSession(db, user.id, user.sessionId);
  await signOut({ redirectTo: "/login" });
});

/** Ends every session of the person, in every workspace and this browser included. */
export const signOutEverywhere = action(
  { name: "signOutEverywhere", permission: "profile:update", input: z.object({}) },
  async ({ db, member }) => {
    await endUserSessions(db, member.userId);
    await signOut({ redirectTo: "/login" });
  },
);

/** Keeps this browser signed in and ends every other session of the person. */
export const changeOwnPassword = action(
  { name: "changeOwnPassword", permission: "profile:update", input: changePasswordSchema },
  async ({ db, member }, input) => changePassword(db, member, input),
);
