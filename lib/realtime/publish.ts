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

type BatchEvent = { channel: string; name: string; data: unknown };

let queued: BatchEvent[] = [];
let waiting: Array<() => void> = [];
let flushScheduled = false;

/**
 * Publishes events after their transaction committed. Real time is a
 * courtesy on top of stored data (the browser refetches on reconnect), so a
 * failure is logged and never fails the request that caused it.
 *
 * Events published in the same turn of the event loop leave together, ten to
 * a batch request: under load many requests finish in one turn, and one HTTP
 * call to Pusher instead of one per request is most of the saving. A lone
 * publish still leaves at once (setImmediate, no timer). The promise settles
 * once its events were sent (or given up), so `after()` keeps a serverless
 * function alive until then.
 */
export function publish(events: RealtimeEvent[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    for (const e of events) queued.push({ channel: e.channel, name: e.name, data: e.data });
    waiting.push(resolve);
    if (!flushScheduled) {
      flushScheduled = true;
      setImmediate(flush);
    }
  });
}

async function flush() {
  const events = queued;
  const settled = waiting;
  queued = [];
  waiting = [];
  flushScheduled = false;
  const batches: BatchEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH_LIMIT) batches.push(events.slice(i, i + BATCH_LIMIT));
  await Promise.all(batches.map(sendBatch));
  for (const resolve of settled) resolve();
}

async function sendBatch(batch: BatchEvent[]): Promise<void> {
  const error = await trigger(batch);
  if (!error) return;
  // Pusher refuses a batch whole for one bad event: the others still go, one by one.
  if (batch.length > 1 && isRefusal(error)) {
    await Promise.all(batch.map((e) => sendBatch([e])));
    return;
  }
  console.error("[realtime] publish failed", { events: batch.map((e) => e.name), error: error.message });
}

/** The error that ended the attempts, or null once sent. */
async function trigger(batch: BatchEvent[]): Promise<Error | null> {
  // One retry: a kept-alive connection the server has just closed fails the first attempt.
  for (let attempt = 1; ; attempt++) {
    try {
      await pusherServer().triggerBatch(batch);
      return null;
    } catch (error) {
      if (attempt === 2 || isRefusal(error)) return error as Error;
    }
  }
}

/** A 4xx answer: sending the same request again would be refused again. */
function isRefusal(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status === "number" && status >= 400 && status < 500;
}
