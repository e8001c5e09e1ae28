import { parseArgs } from "node:util";
import { LOCAL_PUSHER } from "@/lib/realtime/config";
import { startPusherServer } from "./pusher-server/server";

// `npx tsx scripts/pusher-server.ts --port 6101`: the local Pusher-protocol server on its own
// (end-to-end tests start it this way; `npm run dev` starts it in-process).
const { values } = parseArgs({ options: { port: { type: "string", default: String(LOCAL_PUSHER.port) } } });

const server = await startPusherServer({
  port: Number(values.port),
  host: LOCAL_PUSHER.host,
  apps: [{ appId: LOCAL_PUSHER.appId, key: LOCAL_PUSHER.key, secret: LOCAL_PUSHER.secret }],
});
console.log(`Local Pusher server on ${server.url} (app "${LOCAL_PUSHER.appId}", key "${LOCAL_PUSHER.key}")`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.close().finally(() => process.exit(0)));
}
