import { resetEnvCache } from "@/lib/env";
import { startPusherServer, type PusherServer } from "@/scripts/pusher-server/server";

const PUSHER_ENV = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "PUSHER_HOST", "PUSHER_PORT", "PUSHER_USE_TLS"] as const;

/**
 * The local Pusher-protocol server on a free loopback port, with the app's
 * PUSHER_* variables pointing at it, so `lib/realtime` publishes there.
 * `stop()` closes it and restores the environment.
 */
export async function startLocalPusher(app: { appId: string; key: string; secret: string }): Promise<{ server: PusherServer; stop: () => Promise<void> }> {
  const server = await startPusherServer({ port: 0, apps: [app] });
  Object.assign(process.env, {
    PUSHER_APP_ID: app.appId,
    PUSHER_KEY: app.key,
    PUSHER_SECRET: app.secret,
    PUSHER_HOST: "127.0.0.1",
    PUSHER_PORT: String(server.port),
    PUSHER_USE_TLS: "0",
  });
  resetEnvCache();
  return {
    server,
    stop: async () => {
      await server.close();
      for (const name of PUSHER_ENV) delete process.env[name];
      resetEnvCache();
    },
  };
}
