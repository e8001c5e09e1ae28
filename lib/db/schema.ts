import { sql } from "drizzle-orm";
import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("member_role", ["admin", "agent"]);
export const availabilityEnum = pgEnum("member_availability", ["available", "away"]);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Language of generated content (default prompts, bot texts); members pick their own UI language. */
  locale: text("locale").notNull().default("pt-BR"),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Always stored lower-cased and trimmed: sign-in compares on this column. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull().default("agent"),
    active: boolean("active").notNull().default(true),
    availability: availabilityEnum("availability").notNull().default("available"),
    /** Granted by an admin on the team screen: this agent may hand any lead they can see to someone else. */
    canReassignLeads: boolean("can_reassign_leads").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("memberships_workspace_user_key").on(t.workspaceId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const settings = pgTable(
  "settings",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    section: text("section").notNull(),
    value: jsonb("value").notNull().$type<Record<string, unknown>>(),
    updatedAt: updatedAt(),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.section] })],
);

export const whatsappChannels = pgTable(
  "whatsapp_channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    phoneNumberId: text("phone_number_id").notNull(),
    wabaId: text("waba_id").notNull(),
    displayPhoneNumber: text("display_phone_number").notNull(),
    /** AES-256-GCM ciphertext from lib/crypto.ts; never sent to the browser. */
    accessTokenEncrypted: text("access_token_encrypted"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("whatsapp_channels_workspace_key").on(t.workspaceId),
    // The webhook routes each event by phone_number_id: one number belongs to one workspace.
    uniqueIndex("whatsapp_channels_phone_number_id_key").on(t.phoneNumberId),
  ],
);

/** Failed sign-ins per e-mail address, for slowing down and locking out password guessing. */
export const loginAttempts = pgTable("login_attempts", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailedAt: timestamp("last_failed_at", { withTimezone: true }).notNull().default(sql`now()`),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export type Role = (typeof roleEnum.enumValues)[number];
export type Availability = (typeof availabilityEnum.enumValues)[number];

export const conversationStatusEnum = pgEnum("conversation_status", ["open", "resolved"]);
export const messageDirectionEnum = pgEnum("message_direction", ["inbound", "outbound"]);
/** Who wrote a message: the customer, a member of the team, or an automation (assistant, bots). */
export const messageSenderEnum = pgEnum("message_sender", ["customer", "agent", "bot"]);
/** Delivery state. Inbound messages are `received`; outbound ones move pending → sent → delivered → read, or to failed. */
export const messageStatusEnum = pgEnum("message_status", ["received", "pending", "sent", "delivered", "read", "failed"]);

export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The customer's WhatsApp id (their number in international format, digits only). */
    waId: text("wa_id").notNull(),
    profileName: text("profile_name"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("contacts_workspace_wa_id_key").on(t.workspaceId, t.waId)],
);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    status: conversationStatusEnum("status").notNull().default("open"),
    assignedUserId: uuid("assigned_user_id").references(() => users.id, { onDelete: "set null" }),
    unreadCount: integer("unread_count").notNull().default(0),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview"),
    lastMessageType: text("last_message_type"),
    lastMessageDirection: messageDirectionEnum("last_message_direction"),
    /** Opens the 24-hour customer-service window in which free text may be sent. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One thread per customer: a new message reopens it rather than starting another.
    uniqueIndex("conversations_workspace_contact_key").on(t.workspaceId, t.contactId),
    // The inbox list: newest first, paged by (last_message_at, id), optionally by status and assignee.
    index("conversations_list_idx").on(t.workspaceId, t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_status_list_idx").on(t.workspaceId, t.status, t.lastMessageAt.desc(), t.id.desc()),
    index("conversations_assignee_list_idx").on(t.workspaceId, t.assignedUserId, t.lastMessageAt.desc(), t.id.desc()),
  ],
);

/** Postgres's tsvector, for the stored search vector of messages. */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export type MessageMedia = {
  id: string;
  mimeType?: string;
  sha256?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
};

export type MessageError = { code?: number; title?: string; details?: string };

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** WhatsApp's message id; unique, so a redelivered webhook stores nothing twice. Null until an outbound send is accepted. */
    wamid: text("wamid"),
    direction: messageDirectionEnum("direction").notNull(),
    sender: messageSenderEnum("sender").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    /** text, image, video, audio, document, sticker, location, contacts, interactive, button, reaction, unsupported, ... */
    type: text("type").notNull(),
    /** The text, or a media caption, or the title of a button/list reply: what search and previews read. */
    text: text("text"),
    media: jsonb("media").$type<MessageMedia>(),
    /** Type-specific details (location, contacts, interactive reply, referral) as WhatsApp sent them. */
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    /** The wamid this message replies to (WhatsApp's `context.id`). */
    replyToWamid: text("reply_to_wamid"),
    /** The customer's current reaction to this message, kept on the message it reacts to. */
    reactionEmoji: text("reaction_emoji"),
    status: messageStatusEnum("status").notNull(),
    error: jsonb("error").$type<MessageError>(),
    /**
     * The words of `text`, computed once by Postgres when the row is written: inbox search checks it
     * for many rows at a time, and computing to_tsvector per row per search cost far more.
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('simple', coalesce(text, ''))`),
    /** When WhatsApp says the message was sent (the webhook's timestamp), or when we sent it. */
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("messages_wamid_key").on(t.wamid),
    // The chat view: a conversation's messages newest first, paged by (sent_at, id).
    index("messages_conversation_idx").on(t.conversationId, t.sentAt.desc(), t.id.desc()),
    // Retention deletes by age per workspace.
    index("messages_workspace_sent_at_idx").on(t.workspaceId, t.sentAt),
    // Inbox search on message text.
    index("messages_search_vector_idx").using("gin", t.searchVector),
  ],
);

export type ConversationStatus = (typeof conversationStatusEnum.enumValues)[number];
export type MessageStatus = (typeof messageStatusEnum.enumValues)[number];

export const conversationEventKindEnum = pgEnum("conversation_event_kind", ["assigned", "unassigned", "resolved", "reopened"]);

/**
 * What happened to a conversation and who did it: assignment changes (from,
 * to, by whom; `actor_user_id` null means the automatic assignment) and
 * resolutions. The chat's history panel and the agent performance report read it.
 */
export const conversationEvents = pgTable(
  "conversation_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    kind: conversationEventKindEnum("kind").notNull(),
    fromUserId: uuid("from_user_id").references(() => users.id, { onDelete: "set null" }),
    toUserId: uuid("to_user_id").references(() => users.id, { onDelete: "set null" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    index("conversation_events_conversation_idx").on(t.conversationId, t.createdAt),
    // Reports read a workspace's events by period.
    index("conversation_events_workspace_idx").on(t.workspaceId, t.createdAt),
  ],
);

/** Round-robin position per workspace: a row, so every app instance shares one fair rotation. */
export const assignmentCursors = pgTable("assignment_cursors", {
  workspaceId: uuid("workspace_id")
    .primaryKey()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  position: integer("position").notNull().default(0),
});

export type ConversationEventKind = (typeof conversationEventKindEnum.enumValues)[number];

export const leadStatusEnum = pgEnum("lead_status", ["new", "in_progress", "contacted", "qualified", "closed"]);
export const leadOutcomeEnum = pgEnum("lead_outcome", ["won", "lost"]);

/**
 * Where leads come from. Every workspace has the four system sources
 * (`system_key` whatsapp, facebook, instagram, website; created with the
 * workspace by a database trigger); admins add their own, rename and archive.
 */
export const leadSources = pgTable(
  "lead_sources",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    systemKey: text("system_key"),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("lead_sources_workspace_name_key").on(t.workspaceId, t.name),
    uniqueIndex("lead_sources_workspace_system_key").on(t.workspaceId, t.systemKey),
  ],
);

export const leads = pgTable(
  "leads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** One lead per contact: the unique index makes concurrent first messages create one. */
    contactId: uuid("contact_id")
      .notNull()
      .references(() => contacts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "set null" }),
    status: leadStatusEnum("status").notNull().default("new"),
    outcome: leadOutcomeEnum("outcome"),
    sourceId: uuid("source_id").references(() => leadSources.id, { onDelete: "restrict" }),
    assignedUserId: uuid("assigned_user_id").references(() => users.id, { onDelete: "set null" }),
    value: text("value"),
    notes: text("notes"),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Click-to-WhatsApp ad the first message came from, for campaign reports. */
    adId: text("ad_id"),
    adHeadline: text("ad_headline"),
    ctwaClid: text("ctwa_clid"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("leads_workspace_contact_key").on(t.workspaceId, t.contactId),
    index("leads_workspace_created_idx").on(t.workspaceId, t.createdAt),
    index("leads_workspace_status_idx").on(t.workspaceId, t.status),
    index("leads_source_idx").on(t.sourceId),
  ],
);

export type LeadStatus = (typeof leadStatusEnum.enumValues)[number];

/**
 * A lead's history: one row per changed field (status, source, assignee,
 * value, notes, tags, outcome) with the value before and after and who
 * changed it, plus `created`. The lead page's timeline reads it; ids of
 * sources and people are stored as they were, names are looked up on read.
 */
export const leadEvents = pgTable(
  "lead_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    /** created, status, source, assignee, value, notes, tags, outcome */
    kind: text("kind").notNull(),
    fromValue: text("from_value"),
    toValue: text("to_value"),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("lead_events_lead_idx").on(t.leadId, t.createdAt)],
);

export type LeadEventKind = "created" | "status" | "source" | "assignee" | "value" | "notes" | "tags" | "outcome";
