"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions/safe-action";
import { terminateMemberConnections } from "@/lib/realtime/terminate";
import { addAgent, changeRole, newAgentSchema, roleSchema, setCanReassignLeads, setMemberActive } from "@/lib/team/members";

export const addAgentAction = action(
  { name: "addAgent", permission: "team:manage", input: newAgentSchema },
  async ({ db, member }, input) => {
    const created = await addAgent(db, member.workspaceId, input);
    revalidatePath("/team");
    return created;
  },
);

export const changeRoleAction = action(
  { name: "changeRole", permission: "team:manage", input: z.object({ membershipId: z.uuid(), role: roleSchema }) },
  async ({ db, member }, input) => {
    await changeRole(db, member.workspaceId, member.userId, input.membershipId, input.role);
    // Their open tabs held the channels of the old role: they reconnect and are authorized anew.
    await terminateMemberConnections(db, member.workspaceId, input.membershipId);
    revalidatePath("/team");
  },
);

export const setMemberActiveAction = action(
  { name: "setMemberActive", permission: "team:manage", input: z.object({ membershipId: z.uuid(), active: z.boolean() }) },
  async ({ db, member }, input) => {
    await setMemberActive(db, member.workspaceId, member.userId, input.membershipId, input.active);
    // A deactivated member's open tabs stop receiving events now, not at their next subscription.
    if (!input.active) await terminateMemberConnections(db, member.workspaceId, input.membershipId);
    revalidatePath("/team");
  },
);

export const setCanReassignLeadsAction = action(
  { name: "setCanReassignLeads", permission: "team:manage", input: z.object({ membershipId: z.uuid(), allowed: z.boolean() }) },
  async ({ db, member }, input) => {
    await setCanReassignLeads(db, member.workspaceId, input.membershipId, input.allowed);
    revalidatePath("/team");
  },
);
