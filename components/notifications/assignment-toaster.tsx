"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { toast } from "@/components/ui/toast";
import { useRealtimeEvent } from "@/components/realtime/realtime-provider";
import { AudioBlockedError, isAudioBlocked, tryStartAudio } from "./alert-sound";
import { playUnlessAnotherTabDid, useNotificationSoundEnabled } from "./notification-sound-player";

/**
 * Tells a member, in every open tab, that a conversation (or a lead) was just assigned to
 * them (by an admin, a colleague handing it over, or the automatic
 * assignment), and sounds the alert once per browser when the workspace has
 * the notification sound on. Mounted once in the dashboard layout.
 */
export function AssignmentToaster({ initialSoundEnabled, userId }: { initialSoundEnabled: boolean; userId: string }) {
  const t = useTranslations("notifications");
  const soundEnabled = useNotificationSoundEnabled(initialSoundEnabled);

  useRealtimeEvent("conversation.assigned", (assignment) => {
    // Taking a chat yourself is not news; the header already confirmed it.
    if (assignment.toUserId !== userId || assignment.byUserId === userId) return;
    const id = `assigned-${assignment.conversationId}`;
    toast(t("assignedToYou", { contact: assignment.contactName }), {
      id,
      duration: 10_000,
      description: (
        <Link href={`/inbox/${assignment.conversationId}`} className="font-medium underline underline-offset-4" onClick={() => toast.dismiss(id)}>
          {t("openConversation")}
        </Link>
      ),
    });
    if (!soundEnabled) return;
    void (async () => {
      try {
        // A tab the browser keeps silent stays out of the way; the toast still shows.
        if (isAudioBlocked() && !(await tryStartAudio())) return;
        await playUnlessAnotherTabDid(`assigned:${assignment.conversationId}:${assignment.toUserId}`);
      } catch (error) {
        if (!(error instanceof AudioBlockedError)) console.warn("[notification-sound] could not play the assignment alert", error);
      }
    })();
  });

  useRealtimeEvent("lead.assigned", (lead) => {
    if (lead.toUserId !== userId) return;
    const id = `lead-assigned-${lead.leadId}`;
    toast(t("leadAssignedToYou", { contact: lead.contactName }), {
      id,
      duration: 10_000,
      description: (
        <Link href={`/leads/${lead.leadId}`} className="font-medium underline underline-offset-4" onClick={() => toast.dismiss(id)}>
          {t("openLead")}
        </Link>
      ),
    });
  });

  return null;
}
