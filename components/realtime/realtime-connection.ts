import type Pusher from "pusher-js";

/**
 * What the tab shows the agent: "connected" only once the connection is up
 * AND every channel is subscribed (events published before that are lost);
 * "reconnecting" after having been connected; "unavailable" when pusher-js
 * gave up for now (no network, an unsupported browser) or the server refused
 * the connection for good.
 */
export type RealtimeStatus = "connecting" | "connected" | "reconnecting" | "unavailable";

export type ConnectionHandlers = {
  onStatus(status: RealtimeStatus): void;
  onEvent(name: string, data: unknown): void;
  /** Every channel is subscribed again after a drop (and on first load): listeners refetch what they show. */
  onResubscribed(): void;
  /** The server closed this member's signed-in connection because their access changed; it reconnects by itself. */
  onTerminated(): void;
};

/** How long after a termination the connection comes back (the change that caused it has committed by then). */
export const RECONNECT_AFTER_TERMINATION_MS = 1000;

/**
 * Runs one tab's Pusher connection: signs it in as the member (Pusher user
 * authentication, /api/pusher/user-auth), subscribes the channels and
 * reports events, drops and terminations. Kept apart from React so the
 * integration tests drive this very code with pusher-js against the local
 * Pusher server. Returns the function that closes it.
 *
 * When an admin deactivates a member, changes their role or restricts chats
 * to their assignee, the server closes the member's signed-in connections
 * (lib/realtime/terminate.ts) with code 4009. pusher-js never reconnects on
 * its own after a 4000-4099 close, so this does: the reconnection signs in and
 * subscribes anew, and /api/pusher/user-auth and /api/pusher/auth sign only
 * what the member may hold now.
 */
export function runConnection(pusher: Pusher, channels: string[], handlers: ConnectionHandlers): () => void {
  let stopped = false;
  let signedIn = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  // Events published before every channel is subscribed are lost: after a
  // drop, and also on first load (the page read its data before the
  // subscriptions were in place).
  let dropped = true;
  const resubscribed = new Set<string>();
  let everConnected = false;
  const notConnected = (): RealtimeStatus => (everConnected ? "reconnecting" : "connecting");
  handlers.onStatus("connecting");

  pusher.connection.bind("message", (message: { event?: string }) => {
    if (message.event === "pusher:signin_success") signedIn = true;
  });
  pusher.connection.bind("state_change", ({ previous, current }: { previous: string; current: string }) => {
    const wasSignedIn = signedIn;
    if (current !== "connected") signedIn = false;
    if (previous === "connected" && current !== "connected") {
      dropped = true;
      resubscribed.clear();
    }
    // "disconnected" without our asking is a close pusher-js will not retry. Only a
    // signed-in connection was terminated; any other refusal (a wrong app key, a
    // refused signin) would be refused again, so it stays closed.
    if (stopped) return;
    if (current === "disconnected" && wasSignedIn) {
      handlers.onTerminated();
      clearTimeout(retry);
      retry = setTimeout(() => {
        if (!stopped) pusher.connect();
      }, RECONNECT_AFTER_TERMINATION_MS);
    }
    // "connected" waits for the subscriptions. pusher-js retries by itself from
    // "unavailable"; after a drop that is reconnecting, before any connection the
    // service is unreachable. A "disconnected" nobody will retry is for good.
    if (current === "failed" || (current === "disconnected" && !wasSignedIn) || (current === "unavailable" && !everConnected)) {
      handlers.onStatus("unavailable");
    } else if (current !== "connected") {
      handlers.onStatus(notConnected());
    }
  });

  for (const name of channels) {
    const channel = pusher.subscribe(name);
    channel.bind("pusher:subscription_succeeded", () => {
      if (!dropped) return;
      resubscribed.add(name);
      if (channels.every((n) => resubscribed.has(n))) {
        dropped = false;
        everConnected = true;
        handlers.onStatus("connected");
        handlers.onResubscribed();
      }
    });
    channel.bind("pusher:subscription_error", (error: unknown) => console.warn("[realtime] subscription refused", name, error));
    channel.bind_global((event: string, data: unknown) => {
      if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) handlers.onEvent(event, data);
    });
  }
  pusher.signin();

  return () => {
    stopped = true;
    clearTimeout(retry);
    pusher.disconnect();
  };
}
