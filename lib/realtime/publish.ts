import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import Pusher from "pusher";
import { serverRealtimeConfig } from "./config";
import type { RealtimeEvent } from "./events";

let client: { pusher: Pusher; signature: string } | undefined;

export function pusherServer(): Pusher {
  const config = serverRealtimeConfig();
  const signature = JSON.stringify(config);
  // Rebuilt when the configuration changes (tests point it at their own local server).
  if (client?.signature !== signature) {
    client = {
      signature,
      pusher: new Pusher({
        appId: config.appId,
        key: config.key,
        secret: config.secret,
        cluster: config.cluster,
        host: config.host,
        port: config.port === undefined ? undefined : String(config.port),
        useTLS: config.useTLS,
        timeout: 5_000,
        // One kept-alive connection pool instead of a new TCP (and TLS) handshake per publish.
        agent: config.useTLS ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true }),
      }),
    };
  }
  return client.pusher;
}

const BATCH_LIMIT = 10; // Pusher's maximum events per batch request.

/**
 * Publishes events after their transaction committed. Real time is a
 * courtesy on top of stored data (the browser refetches on reconnect), so a
 * failure is logged and never fails the request that caused it.
 */
export async function publish(events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return;
  const pusher = pusherServer();
  for (let i = 0; i < events.length; i += BATCH_LIMIT) {
    const batch = events.slice(i, i + BATCH_LIMIT).map((e) => ({ channel: e.channel, name: e.name, data: e.data }));
    // One retry: a kept-alive connection the server has just closed fails the first attempt.
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await pusher.triggerBatch(batch);
        break;
      } catch (error) {
        if (attempt === 2) console.error("[realtime] publish failed", { events: batch.map((e) => e.name), error: (error as Error).message });
      }
    }
  }
}
