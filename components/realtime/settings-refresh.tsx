"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { changesScreens } from "@/lib/composition/live-settings";
import { useRealtimeEvent, useRealtimeReconnect } from "./realtime-provider";

/** Every member's tab hears the same save: spread their re-renders so the server is not asked all at once. */
const SPREAD_MS = 1_000;

/**
 * Re-renders the open page (router.refresh(): server components read the settings again, client state
 * such as a draft stays) when an admin saves a section that changes what screens offer, e.g. the wand
 * appears in an open chat once AI is turned on. Mounted once in the dashboard layout.
 */
export function SettingsRefresh() {
  const router = useRouter();
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);

  const refreshSoon = () => {
    // One re-render covers several saves in a row.
    if (pending.current !== undefined) return;
    pending.current = setTimeout(() => {
      pending.current = undefined;
      router.refresh();
    }, Math.random() * SPREAD_MS);
  };

  useRealtimeEvent("settings.updated", ({ section }) => {
    if (changesScreens(section)) refreshSoon();
  });
  // Events published while the connection was down are lost: re-read the page, it may have missed a change.
  useRealtimeReconnect(refreshSoon);
  return null;
}
