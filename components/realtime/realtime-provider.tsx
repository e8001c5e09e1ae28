"use client";

import Pusher from "pusher-js";
import { createContext, useContext, useEffect, useRef, useState } from "react";
import type { BrowserRealtimeConfig } from "@/lib/realtime/config";
import { adminsChannel, userChannel, workspaceChannel, type RealtimeEventMap, type RealtimeEventName } from "@/lib/realtime/events";

export type RealtimeStatus = "connecting" | "connected" | "unavailable";

/** Dispatched on `window` when both channels are subscribed again after a drop (also delivered to useRealtimeReconnect). */
export const REALTIME_RECONNECTED_EVENT = "realtime:reconnected";

type Listener = (data: unknown) => void;

/** Listener registry shared by the provider and the hooks; it lives as long as the provider. */
class RealtimeBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();

  on(name: string, listener: Listener): () => void {
    const set = this.listeners.get(name) ?? new Set();
    this.listeners.set(name, set);
    set.add(listener);
    return () => void set.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => void this.reconnectListeners.delete(listener);
  }

  emit(name: string, data: unknown) {
    for (const listener of this.listeners.get(name) ?? []) listener(data);
  }

  reconnected() {
    for (const listener of this.reconnectListeners) listener();
    window.dispatchEvent(new Event(REALTIME_RECONNECTED_EVENT));
  }
}

const BusContext = createContext<RealtimeBus | null>(null);
const StatusContext = createContext<RealtimeStatus>("unavailable");

function toStatus(state: string): RealtimeStatus {
  if (state === "connected") return "connected";
  if (state === "unavailable" || state === "failed") return "unavailable";
  return "connecting";
}

/**
 * One Pusher connection per tab, subscribed to the workspace's channel, the
 * member's own and, for admins, the admins' channel (where conversation
 * events go when chats are restricted to their assignee). Events carry ids
 * only; components fetch the rest.
 */
export function RealtimeProvider({
  config,
  workspaceId,
  userId,
  isAdmin,
  children,
}: {
  config: BrowserRealtimeConfig;
  workspaceId: string;
  userId: string;
  isAdmin: boolean;
  children: React.ReactNode;
}) {
  const [bus] = useState(() => new RealtimeBus());
  const [status, setStatus] = useState<RealtimeStatus>("connecting");
  const { key, cluster, wsHost, wsPort, forceTLS } = config;

  useEffect(() => {
    const pusher = new Pusher(key, {
      cluster,
      wsHost,
      wsPort,
      wssPort: wsPort,
      forceTLS,
      enabledTransports: ["ws", "wss"],
      disableStats: true,
      channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
    });
    const names = [workspaceChannel(workspaceId), userChannel(userId), ...(isAdmin ? [adminsChannel(workspaceId)] : [])];
    // Events published before every channel is subscribed are lost: after a
    // drop, and also on first load (the page read its data before the
    // subscriptions were in place). Once every channel is subscribed, listeners
    // refetch what they show.
    let dropped = true;
    const resubscribed = new Set<string>();

    pusher.connection.bind("state_change", ({ previous, current }: { previous: string; current: string }) => {
      setStatus(toStatus(current));
      if (previous === "connected" && current !== "connected") {
        dropped = true;
        resubscribed.clear();
      }
    });

    for (const name of names) {
      const channel = pusher.subscribe(name);
      channel.bind("pusher:subscription_succeeded", () => {
        if (!dropped) return;
        resubscribed.add(name);
        if (names.every((n) => resubscribed.has(n))) {
          dropped = false;
          bus.reconnected();
        }
      });
      channel.bind("pusher:subscription_error", (error: unknown) => console.warn("[realtime] subscription refused", name, error));
      channel.bind_global((event: string, data: unknown) => {
        if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) bus.emit(event, data);
      });
    }
    return () => pusher.disconnect();
  }, [bus, key, cluster, wsHost, wsPort, forceTLS, workspaceId, userId, isAdmin]);

  return (
    <BusContext.Provider value={bus}>
      <StatusContext.Provider value={status}>{children}</StatusContext.Provider>
    </BusContext.Provider>
  );
}

/** Keeps the latest callback in a ref, so callers need not memoise it. */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}

/** Calls `handler` for each event of that name on the workspace's or the member's channel. */
export function useRealtimeEvent<N extends RealtimeEventName>(name: N, handler: (data: RealtimeEventMap[N]) => void): void {
  const bus = useContext(BusContext);
  const latest = useLatest(handler);
  useEffect(() => bus?.on(name, (data) => latest.current(data as RealtimeEventMap[N])), [bus, name, latest]);
}

/** Calls `handler` after the connection came back from a drop, so a list can refetch what it missed. */
export function useRealtimeReconnect(handler: () => void): void {
  const bus = useContext(BusContext);
  const latest = useLatest(handler);
  useEffect(() => bus?.onReconnect(() => latest.current()), [bus, latest]);
}

/** "unavailable" outside a RealtimeProvider. */
export function useRealtimeStatus(): RealtimeStatus {
  return useContext(StatusContext);
}
