import { describe, expect, it } from "vitest";
import { mayHoldChannel } from "@/lib/realtime/channels";
import { userChannel, workspaceChannel } from "@/lib/realtime/events";

const member = { userId: "user-1", workspaceId: "ws-1" };

describe("mayHoldChannel", () => {
  it("lets a member hold their workspace's channel and their own user channel", () => {
    expect(mayHoldChannel(member, workspaceChannel("ws-1"))).toBe(true);
    expect(mayHoldChannel(member, userChannel("user-1"))).toBe(true);
  });

  it("refuses another workspace's channel and another user's channel", () => {
    expect(mayHoldChannel(member, workspaceChannel("ws-2"))).toBe(false);
    expect(mayHoldChannel(member, userChannel("user-2"))).toBe(false);
  });

  it("refuses names that only resemble the member's channels", () => {
    for (const channel of [
      "",
      "workspace-ws-1",
      "private-workspace-ws-1-extra",
      "private-workspace-ws-",
      `${workspaceChannel("ws-1")} `,
      "PRIVATE-workspace-ws-1",
      "private-encrypted-workspace-ws-1",
      "presence-workspace-ws-1",
      // The user id used as a workspace id and the other way round.
      workspaceChannel("user-1"),
      userChannel("ws-1"),
    ]) {
      expect(mayHoldChannel(member, channel), channel).toBe(false);
    }
  });
});
