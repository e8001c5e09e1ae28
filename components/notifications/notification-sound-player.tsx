"use client";

import { queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { NotificationSoundResponse } from "@/app/api/settings/notification-sound/route";
import { getJson } from "@/components/data/get-json";
import { Button } from "@/components/ui/button";
import { useRealtimeEvent, useRealtimeReconnect } from "@/components/realtime/realtime-provider";
import { AudioBlockedError, ALERT_DURATION_MS, isAudioBlocked, playAlertSound, tryStartAudio, unlockAudio } from "./alert-sound";
import { shouldPlay } from "./should-play";

/*
 * One alert per message per browser, however many tabs are open.
 *
 * Every tab receives the same `message.created` event, at slightly different
 * moments. Two mechanisms together make exactly one of them play:
 * - a Web Lock taken with `ifAvailable`, held while the alert sounds: the
 *   browser grants it to one tab at a time, atomically, so tabs receiving the
 *   event together cannot both play (localStorage alone has no
 *   compare-and-set: two tabs could both read "not played yet");
 * - a record of recently played message ids in localStorage, written under
 *   the lock: a tab whose event arrives after the first tab released the lock
 *   sees the id and stays silent.
 * A tab whose audio the browser still blocks does not compete for the lock;
 * it offers "Enable sound" only if no other tab played the alert.
 * Browsers without Web Locks (plain-http origins) fall back to the record
 * alone, where a rare double alert is possible.
 */
const LOCK_NAME = "zapvendas-notification-sound";
const PLAYED_KEY = "zapvendas-notification-sound:played";
const PLAYED_TTL_MS = 60_000;
/** How long a blocked tab waits for another tab to play before it offers the button. */
const BLOCKED_GRACE_MS = 1_500;

type Played = Record<string, number>;

function readPlayed(): Played {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PLAYED_KEY) ?? "{}");
    return parsed && typeof parsed === "object" ? (parsed as Played) : {};
  } catch {
    return {};
  }
}

function wasPlayed(messageId: string): boolean {
  const at = readPlayed()[messageId];
  return at !== undefined && Date.now() - at < PLAYED_TTL_MS;
}

function markPlayed(messageId: string) {
  const now = Date.now();
  const recent = Object.fromEntries(Object.entries(readPlayed()).filter(([, at]) => now - at < PLAYED_TTL_MS));
  try {
    localStorage.setItem(PLAYED_KEY, JSON.stringify({ ...recent, [messageId]: now }));
  } catch {
    // Storage full or disabled: the lock still prevents simultaneous alerts.
  }
}

/** Plays the alert for one event (a message id, an assignment) in one tab only; also used by the assignment toaster. */
export async function playUnlessAnotherTabDid(messageId: string): Promise<void> {
  const attempt = async () => {
    if (wasPlayed(messageId)) return;
    markPlayed(messageId);
    await playAlertSound();
  };
  if (!navigator.locks) return attempt();
  await navigator.locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    // No lock: another tab is sounding an alert right now, for this message or one that arrived with it.
    if (lock) await attempt();
  });
}

const soundSettingQuery = queryOptions({
  queryKey: ["settings", "notification-sound"] as const,
  queryFn: ({ signal }) => getJson<NotificationSoundResponse>("/api/settings/notification-sound", signal),
  // The page rendered the value; only a `settings.updated` event or a reconnection makes it worth reading again.
  staleTime: Number.POSITIVE_INFINITY,
});

/**
 * The workspace's notification-sound toggle, followed live: a
 * `settings.updated` event for this section refetches it.
 */
export function useNotificationSoundEnabled(initialEnabled: boolean): boolean {
  const client = useQueryClient();
  const { data } = useQuery({ ...soundSettingQuery, initialData: { enabled: initialEnabled } });

  // A server re-render (router.refresh() after saving in this tab) brings a new initial value.
  useEffect(() => {
    client.setQueryData(soundSettingQuery.queryKey, { enabled: initialEnabled });
  }, [client, initialEnabled]);

  const refetch = () => void client.invalidateQueries({ queryKey: soundSettingQuery.queryKey });
  useRealtimeEvent("settings.updated", ({ section }) => {
    if (section === "notification-sound") refetch();
  });
  // Events published while the connection was down are lost; re-read the setting.
  useRealtimeReconnect(refetch);
  return data.enabled;
}

/**
 * Plays the new-message alert in this tab. Mounted once in the dashboard
 * layout, inside the RealtimeProvider.
 */
export function NotificationSoundPlayer({ initialEnabled, userId }: { initialEnabled: boolean; userId: string }) {
  const t = useTranslations("notifications");
  const enabled = useNotificationSoundEnabled(initialEnabled);
  const [blocked, setBlocked] = useState(false);

  useRealtimeEvent("message.created", (message) => {
    if (!shouldPlay(message, { enabled, userId })) return;
    void (async () => {
      try {
        // Checked before competing for the lock, so a blocked tab never silences one that can play.
        if (isAudioBlocked() && !(await tryStartAudio())) throw new AudioBlockedError();
        await playUnlessAnotherTabDid(message.messageId);
      } catch (error) {
        if (!(error instanceof AudioBlockedError)) {
          console.warn("[notification-sound] could not play the alert", error);
          return;
        }
        setTimeout(() => {
          if (!wasPlayed(message.messageId)) setBlocked(true);
        }, BLOCKED_GRACE_MS + ALERT_DURATION_MS);
      }
    })();
  });

  // Any click or key press in the page counts as the gesture browsers want: unlock then, so the button is rarely needed.
  useEffect(() => {
    if (!enabled) return;
    const unlock = () => {
      void unlockAudio().then((running) => {
        if (running) setBlocked(false);
      });
    };
    const options = { capture: true } as const;
    // pointerdown activates for a mouse, pointerup for touch and pen.
    const events = ["pointerdown", "pointerup", "keydown"] as const;
    for (const name of events) window.addEventListener(name, unlock, options);
    return () => {
      for (const name of events) window.removeEventListener(name, unlock, options);
    };
  }, [enabled]);

  if (!enabled || !blocked) return null;
  return (
    <div
      role="status"
      className="fixed right-4 bottom-4 z-50 flex items-center gap-3 rounded-lg border bg-background px-4 py-3 text-sm shadow-lg"
    >
      <span>{t("soundBlocked")}</span>
      <Button
        type="button"
        size="sm"
        onClick={() => {
          void unlockAudio().then((running) => {
            if (running) setBlocked(false);
          });
        }}
      >
        {t("enableSound")}
      </Button>
    </div>
  );
}
