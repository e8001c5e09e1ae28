import type { AssignableMember } from "@/lib/assignment/manual";

export type AssignmentChoices = {
  /** Agents only: take an unassigned chat. */
  assignToMe: boolean;
  unassign: boolean;
  /** Colleagues the chat may be handed to (never the current assignee). */
  members: AssignableMember[];
};

const NONE: AssignmentChoices = { assignToMe: false, unassign: false, members: [] };

/**
 * What the picker offers, mirroring the rule lib/assignment/manual.ts
 * enforces (the server checks again; this only hides what would be refused):
 * admins anything; an agent takes an unassigned chat or hands over their own.
 */
export function assignmentChoices(
  viewer: { userId: string; role: AssignableMember["role"] } | null,
  assigneeId: string | null,
  members: AssignableMember[],
): AssignmentChoices {
  if (!viewer) return NONE;
  const others = members.filter((m) => m.userId !== assigneeId);
  if (viewer.role === "admin") return { assignToMe: false, unassign: assigneeId !== null, members: others };
  if (assigneeId === null) return { assignToMe: true, unassign: false, members: [] };
  if (assigneeId === viewer.userId) return { assignToMe: false, unassign: true, members: others };
  return NONE;
}

export function hasChoices(choices: AssignmentChoices): boolean {
  return choices.assignToMe || choices.unassign || choices.members.length > 0;
}

/** Case- and accent-insensitive, so "joao" finds "João". */
export function matchesSearch(name: string, search: string): boolean {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  return fold(name).includes(fold(search));
}
