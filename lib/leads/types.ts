import type { LeadStatus } from "@/lib/db/schema";

/** Shared by the server and the leads screens; this file must stay free of server-only imports. */
export const LEAD_STATUSES = ["new", "in_progress", "contacted", "qualified", "closed"] as const satisfies readonly LeadStatus[];
export const LEAD_OUTCOMES = ["won", "lost"] as const;
export const LEAD_TAGS_MAX = 20;
export const LEAD_TAG_MAX_LENGTH = 40;
export const LEAD_NOTES_MAX_LENGTH = 5000;

export type LeadOutcome = (typeof LEAD_OUTCOMES)[number];
export type Person = { id: string; name: string };
export type LeadSourceRef = { id: string; name: string; systemKey: string | null };

export type LeadListItem = {
  id: string;
  status: LeadStatus;
  outcome: LeadOutcome | null;
  value: string | null;
  tags: string[];
  createdAt: string;
  contact: { id: string; waId: string; name: string | null };
  conversationId: string | null;
  source: LeadSourceRef | null;
  assignee: Person | null;
  /** Whether the viewer may change this lead (admins, or the agent it is assigned to). */
  mayEdit: boolean;
};

export type LeadPage = { items: LeadListItem[]; nextCursor: string | null };

export type LeadTimelineEntry = {
  id: string;
  kind: string;
  /** For source and assignee changes, the names; otherwise the stored values. */
  from: string | null;
  to: string | null;
  actor: Person | null;
  at: string;
};

export type LeadDetail = LeadListItem & { notes: string | null; adHeadline: string | null; events: LeadTimelineEntry[] };
