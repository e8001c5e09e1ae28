import { NextResponse } from "next/server";
import { currentMember } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { pusherServer } from "@/lib/realtime/publish";

export const dynamic = "force-dynamic";

const SOCKET_ID = /^\d+\.\d+$/;

/**
 * Pusher user authentication for pusher-js's `signin()` (form body:
 * socket_id). It signs the connection as the signed-in member's own user id,
 * whatever else the body says, so the server can close that member's
 * connections when their access shrinks (lib/realtime/terminate.ts). The
 * member is read from the database: a deactivated member is refused, like
 * an anonymous visitor.
 */
export const POST = route("pusher-user-auth", async (request) => {
  const member = await currentMember();
  if (!member) throw new AppError("unauthorized:realtime");
  const socketId = new URLSearchParams(await request.text()).get("socket_id") ?? "";
  if (!SOCKET_ID.test(socketId)) throw new AppError("bad_request:realtime");
  return NextResponse.json(pusherServer().authenticateUser(socketId, { id: member.userId }), { headers: { "cache-control": "no-store" } });
});
