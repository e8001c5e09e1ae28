"use client";

import { useRouter } from "next/navigation";
import { useRealtimeEvent, useRealtimeReconnect } from "@/components/realtime/realtime-provider";

/**
 * Server-rendered lead screens (one lead, the list and board, the lead
 * reports) re-render when a lead changes or arrives elsewhere, or after a
 * dropped connection.
 */
export function LeadsLiveRefresh({ leadId }: { leadId?: string }) {
  const router = useRouter();
  useRealtimeEvent("lead.updated", (data) => {
    if (!leadId || data.leadId === leadId) router.refresh();
  });
  useRealtimeEvent("lead.created", () => {
    if (!leadId) router.refresh();
  });
  useRealtimeReconnect(() => router.refresh());
  return null;
}
