import { NextResponse } from "next/server";
import { currentMember } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { mayHoldChannel } from "@/lib/realtime/channels";
import { pusherServer } from "@/lib/realtime/publish";

export const dynamic = "force-dynamic";

const SOCKET_ID = /^\d+\.\d+$/;

/**
 * Private-channel authorization for pusher-js (form body: socket_id, channel_name).
 * It signs only what lib/realtime/channels.ts allows. The member is read from
 * the database when the subscription is made; when their access shrinks, the
 * server closes their live connections (lib/realtime/terminate.ts) and the
 * reconnection comes back through here.
 */
export const POST = route("pusher-auth", async (request) => {
  const member = await currentMember();
  if (!member) throw new AppError("forbidden:realtime");
  const form = new URLSearchParams(await request.text());
  const socketId = form.get("socket_id") ?? "";
  const channel = form.get("channel_name") ?? "";
  if (!mayHoldChannel(member, channel)) throw new AppError("forbidden:realtime");
  if (!SOCKET_ID.test(socketId)) throw new AppError("bad_request:realtime");
  return NextResponse.json(pusherServer().authorizeChannel(socketId, channel), { headers: { "cache-control": "no-store" } });
});
