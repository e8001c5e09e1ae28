import { NextResponse } from "next/server";
import { currentMember } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { notificationSoundSection } from "@/lib/settings/notification-sound";
import { getSettings } from "@/lib/settings/stored-section";

export const dynamic = "force-dynamic";

/** What the browser reads: whether the new-message alert sounds. */
export type NotificationSoundResponse = { enabled: boolean };

/**
 * The workspace's notification-sound toggle, re-read by open tabs when a
 * `settings.updated` event arrives. Any member may read it (every agent's
 * tab needs it), unlike the rest of settings, which only admins see.
 */
export const GET = route("notificationSoundSettings", async () => {
  const member = await currentMember();
  if (!member) throw new AppError("unauthorized:session");
  const { enabled } = await getSettings(getDb(), member.workspaceId, notificationSoundSection);
  return NextResponse.json<NotificationSoundResponse>({ enabled }, { headers: { "cache-control": "no-store" } });
});
