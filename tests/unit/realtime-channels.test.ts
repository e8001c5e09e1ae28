import { describe, expect, it } from "vitest";
import { mayHoldChannel } from "@/lib/realtime/channels";
import { conversationChannels, leadChannels, workspaceNewsChannels } from "@/lib/realtime/audience";
import { adminsChannel, userChannel, workspaceChannel } from "@/lib/realtime/events";

const member = { userId: "user-1", workspaceId: "ws-1", role: "agent" as const };
const admin = { userId: "user-9", workspaceId: "ws-1", role: "admin" as const };

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

describe("the admins' channel", () => {
  it("is held by the workspace's admins only", () => {
    expect(mayHoldChannel(admin, adminsChannel("ws-1"))).toBe(true);
    expect(mayHoldChannel(member, adminsChannel("ws-1"))).toBe(false);
    expect(mayHoldChannel(admin, adminsChannel("ws-2"))).toBe(false);
  });
});

describe("conversation events", () => {
  it("go to the whole workspace when chats are not restricted", () => {
    expect(conversationChannels("ws-1", false, "user-1")).toEqual([workspaceChannel("ws-1")]);
  });

  it("go only to the admins and the assignee when chats are restricted", () => {
    expect(conversationChannels("ws-1", true, "user-1")).toEqual([adminsChannel("ws-1"), userChannel("user-1")]);
    expect(conversationChannels("ws-1", true, null)).toEqual([adminsChannel("ws-1")]);
  });
});

describe("a chat handed from one agent to another", () => {
  it("is heard by the admins, the new assignee and the one who lost it, when chats are restricted", () => {
    expect(conversationChannels("ws-1", true, "ana", "bruno")).toEqual([adminsChannel("ws-1"), userChannel("ana"), userChannel("bruno")]);
    expect(conversationChannels("ws-1", true, null, "bruno")).toEqual([adminsChannel("ws-1"), userChannel("bruno")]);
    expect(conversationChannels("ws-1", true, "ana", "ana")).toEqual([adminsChannel("ws-1"), userChannel("ana")]);
  });

  it("goes to the whole workspace once, when chats are not restricted", () => {
    expect(conversationChannels("ws-1", false, "ana", "bruno")).toEqual([workspaceChannel("ws-1")]);
  });
});

describe("lead events", () => {
  it("go only to the admins and the lead's assignees (new and former) when chats are restricted", () => {
    expect(leadChannels("ws-1", true, "bruno")).toEqual([adminsChannel("ws-1"), userChannel("bruno")]);
    expect(leadChannels("ws-1", true, "ana", "bruno")).toEqual([adminsChannel("ws-1"), userChannel("ana"), userChannel("bruno")]);
    expect(leadChannels("ws-1", true, null)).toEqual([adminsChannel("ws-1")]);
  });

  it("go to the whole workspace when chats are not restricted", () => {
    expect(leadChannels("ws-1", false, "bruno", "ana")).toEqual([workspaceChannel("ws-1")]);
  });
});

describe("workspace news", () => {
  it("goes to the workspace channel, which under restriction carries nothing else", () => {
    expect(workspaceNewsChannels("ws-1")).toEqual([workspaceChannel("ws-1")]);
  });
});
