import type { QuickReplyScope } from "./input";

/** A saved reply as the quick replies page shows it. */
export type QuickReply = {
  id: string;
  scope: QuickReplyScope;
  title: string;
  shortcut: string;
  body: string;
};

/** A reply as the composer lists it for one chat: its text already filled for that contact and agent. */
export type ComposerQuickReply = {
  id: string;
  scope: QuickReplyScope;
  title: string;
  shortcut: string;
  text: string;
};
