import { env } from "@/lib/env";

/**
 * Pusher Channels credentials. Unset in development and tests, they default
 * to the local Pusher-protocol server the project ships (scripts/pusher-server.ts),
 * which `npm run dev` starts on 127.0.0.1:6001.
 */
export const LOCAL_PUSHER = { appId: "local", key: "local-key", secret: "local-secret", host: "127.0.0.1", port: 6001 } as const;

export type ServerRealtimeConfig = {
  appId: string;
  key: string;
  secret: string;
  cluster: string;
  host?: string;
  port?: number;
  useTLS: boolean;
};

/** What the browser needs to connect (never the secret). */
export type BrowserRealtimeConfig = {
  key: string;
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  forceTLS: boolean;
};

export function serverRealtimeConfig(): ServerRealtimeConfig {
  const e = env();
  if (e.PUSHER_APP_ID && e.PUSHER_KEY && e.PUSHER_SECRET) {
    return {
      appId: e.PUSHER_APP_ID,
      key: e.PUSHER_KEY,
      secret: e.PUSHER_SECRET,
      cluster: e.PUSHER_CLUSTER ?? "mt1",
      host: e.PUSHER_HOST,
      port: e.PUSHER_PORT,
      useTLS: e.PUSHER_USE_TLS ? e.PUSHER_USE_TLS === "1" || e.PUSHER_USE_TLS === "true" : !e.PUSHER_HOST,
    };
  }
  return {
    appId: LOCAL_PUSHER.appId,
    key: LOCAL_PUSHER.key,
    secret: LOCAL_PUSHER.secret,
    cluster: "mt1",
    host: e.PUSHER_HOST ?? LOCAL_PUSHER.host,
    port: e.PUSHER_PORT ?? LOCAL_PUSHER.port,
    useTLS: false,
  };
}

export function browserRealtimeConfig(): BrowserRealtimeConfig {
  const c = serverRealtimeConfig();
  return { key: c.key, cluster: c.cluster, wsHost: c.host, wsPort: c.port, forceTLS: c.useTLS };
}
