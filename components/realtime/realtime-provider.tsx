"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { BrowserRealtimeConfig } from "@/lib/realtime/config";
import { adminsChannel, userChannel, workspaceChannel, type RealtimeEventMap, type RealtimeEventName } from "@/lib/realtime/events";
import { runConnection, type RealtimeStatus } from "./realtime-connection";

type Listener = (data: unknown) => void;

/** Listener registry shared by the provider and the hooks; it lives as long as the provider. */
class RealtimeBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();
  status: RealtimeStatus = "connecting";

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
  }

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => void this.statusListeners.delete(listener);
  };

  setStatus(status: RealtimeStatus) {
    if (status === this.status) return;
    this.status = status;
    for (const listener of this.statusListeners) listener();
  }
}

const BusContext = createContext<RealtimeBus | null>(null);
/** The signed-in member's user id: the provider is the one client component every dashboard page gets it through. */
const ViewerContext = createContext<string | null>(null);
/**
 * One Pusher connection per tab, signed in as the member and subscribed to
 * the workspace's channel, the member's own and, for admins, the admins'
 * channel (lib/realtime/audience.ts decides what goes where). Events carry
 * ids only; components fetch the rest. When the server closes the
 * connection because the member's access changed, the page is re-read from
 * the server (a deactivated member lands on the sign-in page; a new role
 * re-renders this provider with its channels) and the connection comes back.
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
  const router = useLatest(useRouter());
  const [bus] = useState(() => new RealtimeBus());
  const { key, cluster, wsHost, wsPort, forceTLS } = config;

  useEffect(() => {
    // pusher-js (~60 KiB) is fetched after hydration rather than with the page: the page is usable from its
    // server-rendered data meanwhile, and runConnection reports "resubscribed" once the channels are up, which
    // makes every listener re-read what it shows, so nothing published before then is missed.
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import("pusher-js").then(({ default: Pusher }) => {
      if (cancelled) return;
      const pusher = new Pusher(key, {
        cluster,
        wsHost,
        wsPort,
        wssPort: wsPort,
        forceTLS,
        enabledTransports: ["ws", "wss"],
        disableStats: true,
        channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
        userAuthentication: { endpoint: "/api/pusher/user-auth", transport: "ajax" },
      });
      const names = [workspaceChannel(workspaceId), userChannel(userId), ...(isAdmin ? [adminsChannel(workspaceId)] : [])];
      stop = runConnection(pusher, names, {
        onStatus: (status) => bus.setStatus(status),
        onEvent: (name, data) => bus.emit(name, data),
        onResubscribed: () => bus.reconnected(),
        onTerminated: () => router.current.refresh(),
      });
    }, (error: unknown) => {
      // The script itself did not arrive (offline, a new deployment): say so rather than "connecting" for ever.
      console.warn("[realtime] could not load pusher-js", error);
      if (!cancelled) bus.setStatus("unavailable");
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [bus, router, key, cluster, wsHost, wsPort, forceTLS, workspaceId, userId, isAdmin]);

  return (
    <BusContext.Provider value={bus}>
      <ViewerContext.Provider value={userId}>{children}</ViewerContext.Provider>
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

/** Who is looking, for texts that depend on it ("You: …" in the inbox list); null outside the dashboard. */
export function useViewerId(): string | null {
  return useContext(ViewerContext);
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

/**
 * Whether the tab's first subscription is still to come ("connecting" is the
 * state before the first connection only; after a drop it is "reconnecting").
 * When it comes, every listener re-reads what it shows (useRealtimeReconnect),
 * so what the server rendered into the page need not be fetched again before
 * then. Read when asked, not subscribed to: nothing re-renders on a change.
 */
export function useFirstSubscriptionPending(): () => boolean {
  const bus = useContext(BusContext);
  return useCallback(() => bus?.status === "connecting", [bus]);
}

const noStatus = () => () => {};

/** The tab's connection as the agent should know it; "unavailable" outside a RealtimeProvider. */
export function useRealtimeStatus(): RealtimeStatus {
  const bus = useContext(BusContext);
  return useSyncExternalStore(
    bus?.onStatus ?? noStatus,
    () => bus?.status ?? "unavailable",
    // The server never connects: the page arrives connecting.
    () => (bus ? "connecting" : "unavailable"),
  );
}
