import "server-only";
import type { Member } from "@/lib/auth/member";
import { botChoices } from "@/lib/bots/rules/manage";
import { getDb } from "@/lib/db/client";
import { listSources } from "@/lib/leads/sources";
import { listMembers } from "@/lib/team/members";
import { listTemplates } from "@/lib/templates/queries";

/** What the bot editor offers: the bots an option may lead to, the templates, the active lead sources and members. */
export async function loadEditorOptions(member: Member, botId?: string) {
  const db = getDb();
  const [bots, templates, sources, members] = await Promise.all([
    botChoices(db, member, botId),
    listTemplates(db, member.workspaceId),
    listSources(db, member.workspaceId),
    listMembers(db, member.workspaceId),
  ]);
  return {
    bots,
    templates,
    sources: sources.filter((s) => !s.archived).map(({ id, name, systemKey }) => ({ id, name, systemKey })),
    members: members.filter((m) => m.active).map(({ userId, name }) => ({ userId, name })),
  };
}
