import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
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

// eslint-disable-next-line import/no-restricted-paths -- types only (erased at build): the shapes of message_bots' JSON and text columns, defined with their zod schemas
import type { BotActions, BotAudience, BotReply, BotTrigger, KeywordMatch } from "@/lib/bots/rules/definition";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const roleEnum = pgEnum("member_role", ["admin", "agent"]);
export const availabilityEnum = pgEnum("member_availability", ["available", "away"]);

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  /** Language of generated content (default prompts, bot texts); members pick their own UI language. */
  locale: text("locale").notNull().default("pt-BR"),
  /** Set once the five default AI prompts were written (in `locale`): deleting them all must not bring them back. */
  defaultPromptsSeededAt: timestamp("default_prompts_seeded_at", { withTimezone: true }),
  /** IANA time zone of the business: business hours, holidays, report days and date filters are read in it. */
  timeZone: text("time_zone").notNull().default("America/Sao_Paulo"),
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
    /** When the message templates were last read in full from the Graph API; null until the first sync. */
    templatesSyncedAt: timestamp("templates_synced_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("whatsapp_channels_workspace_key").on(t.workspaceId),
    // The webhook routes each event by phone_number_id: one number belongs to one workspace.
    uniqueIndex("whatsapp_channels_phone_number_id_key").on(t.phoneNumberId),
    // Template status webhooks name the WhatsApp Business Account, not the number.
    index("whatsapp_channels_waba_id_idx").on(t.wabaId),
  ],
);

/**
 * One signed-in browser. The session cookie (a JWT) names its row; the member
 * lookup every request makes requires the row, so signing out, "sign out of
 * all devices", a password change or a deactivation ends every copy of a
 * cookie at once instead of when the JWT expires.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    /** The JWT's own expiry: past it the row is only garbage, removed by chat cleanup's cron. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId, t.workspaceId), index("auth_sessions_expires_idx").on(t.expiresAt)],
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
    /**
     * Who wrote the newest message, read only when it is outbound (the list says "You:", an agent's
     * name or "Assistant:"); an inbound message leaves them stale rather than cost the ingest a write.
     */
    lastMessageSender: messageSenderEnum("last_message_sender"),
    lastMessageAuthorId: uuid("last_message_author_id").references(() => users.id, { onDelete: "set null" }),
    /** Opens the 24-hour customer-service window in which free text may be sent. */
    lastInboundAt: timestamp("last_inbound_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Every bot (rule bots and the AI assistant) stays silent here until then: a stop keyword, an agent's reply or a bot's hand-over; "Resume bots" clears it. */
    botsPausedUntil: timestamp("bots_paused_until", { withTimezone: true }),
    /** Only the AI assistant stays silent until then: its own stop keyword, or an agent answered by hand. */
    assistantPausedUntil: timestamp("assistant_paused_until", { withTimezone: true }),
    /**
     * The `created_at` (database clock) of the newest customer message the rule bots have read: a bot
     * turn reads the messages after it, so a burst is answered once and a message is never read twice.
     */
    botsReadThrough: timestamp("bots_read_through", { withTimezone: true }),
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

export type MessageError = { code?: number; title?: string; details?: string; reason?: "network" | "timeout" | "unexpected" };

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
    /** The rule bot that sent it (sender "bot"); null for the AI assistant's and everyone else's. */
    botId: uuid("bot_id").references((): AnyPgColumn => messageBots.id, { onDelete: "set null" }),
    status: messageStatusEnum("status").notNull(),
    error: jsonb("error").$type<MessageError>(),
    /**
     * The words of `text`, computed once by Postgres when the row is written: inbox search checks it
     * for many rows at a time, and computing to_tsvector per row per search cost far more.
     */
    // Only the first 100,000 characters are indexed: a tsvector holds at most 1 MB, and a hostile
    // megabyte of distinct words would otherwise refuse the whole message (WhatsApp caps a text at 4,096).
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('simple', left(coalesce(text, ''), 100000))`),
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
    // Deleting a bot nulls its messages' link: without the index each delete scans every message.
    index("messages_bot_idx").on(t.botId).where(sql`${t.botId} is not null`),
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
    // Chat cleanup deletes conversations, which nulls their leads' link: without the index each one scans the leads.
    index("leads_conversation_idx").on(t.conversationId),
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

export const jobStatusEnum = pgEnum("job_status", ["pending", "running", "dead", "cancelled"]);

/**
 * Durable work (forwarding deliveries, delayed assistant replies): the
 * transactional outbox of docs/architecture.md. A job is inserted in the same
 * transaction as the change that causes it, claimed with FOR UPDATE SKIP
 * LOCKED, and deleted when it succeeds; dead and cancelled ones stay for
 * inspection. `lockedUntil` is the lease of a running job: a worker that died
 * mid-job leaves it claimable again once the lease expires.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    payload: jsonb("payload").notNull().$type<Record<string, unknown>>(),
    status: jobStatusEnum("status").notNull().default("pending"),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** At most one pending job per (workspace, kind, key): a second enqueue with the key joins the first. */
    dedupeKey: text("dedupe_key"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_due_idx").on(t.runAt).where(sql`${t.status} = 'pending'`),
    index("jobs_lease_idx").on(t.lockedUntil).where(sql`${t.status} = 'running'`),
    uniqueIndex("jobs_dedupe_key").on(t.workspaceId, t.kind, t.dedupeKey).where(sql`${t.status} = 'pending' and ${t.dedupeKey} is not null`),
    index("jobs_workspace_idx").on(t.workspaceId, t.status),
  ],
);

export type JobStatus = (typeof jobStatusEnum.enumValues)[number];

export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "delivered", "retrying", "failed"]);

/**
 * One incoming message forwarded to the business's own URL. Its id is the
 * `webhook-id` every attempt carries, so receivers can drop repeats.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Kept when chat cleanup deletes the message: the delivery record outlives it. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    status: deliveryStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("webhook_deliveries_list_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index("webhook_deliveries_status_idx").on(t.workspaceId, t.status, t.createdAt.desc(), t.id.desc()),
    // Deleting old messages (chat cleanup) nulls this column: without the index each deleted message scans the table.
    index("webhook_deliveries_message_idx").on(t.messageId),
  ],
);

export type DeliveryStatus = (typeof deliveryStatusEnum.enumValues)[number];

/** The workspace's saved AI prompts, shown in the composer's wand menu in `position` order. */
export const aiPrompts = pgTable(
  "ai_prompts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    instruction: text("instruction").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("ai_prompts_workspace_idx").on(t.workspaceId, t.position)],
);

/** One row per AI call (composer actions and the assistant): the AI settings page sums this month's. */
export const aiUsage = pgTable(
  "ai_usage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Null for the assistant, which acts on nobody's behalf. */
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    /** translate, tone, grammar, simplify, smart-reply, custom-prompt, assistant */
    action: text("action").notNull(),
    model: text("model").notNull(),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    durationMs: integer("duration_ms").notNull(),
    success: boolean("success").notNull(),
    /** The AppError code of a failed call (invalid key, rate limit, timeout ...). */
    errorCode: text("error_code"),
    createdAt: createdAt(),
  },
  (t) => [index("ai_usage_workspace_created_idx").on(t.workspaceId, t.createdAt)],
);

/** One chat-cleanup run, by the schedule or by an admin's "Run cleanup now". */
export const cleanupRuns = pgTable(
  "cleanup_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** schedule or manual */
    trigger: text("trigger").notNull(),
    triggeredBy: uuid("triggered_by").references(() => users.id, { onDelete: "set null" }),
    /** Messages sent before this instant were deleted. */
    cutoff: timestamp("cutoff", { withTimezone: true }).notNull(),
    messagesDeleted: integer("messages_deleted").notNull().default(0),
    conversationsDeleted: integer("conversations_deleted").notNull().default(0),
    /** running, completed, or partial (stopped at its time budget; the next run continues) */
    status: text("status").notNull().default("running"),
    durationMs: integer("duration_ms"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("cleanup_runs_workspace_idx").on(t.workspaceId, t.startedAt.desc())],
);

/**
 * An inbound message that could not be stored even after its values were made
 * storable: kept whole so nothing Meta delivered is lost silently, shown to
 * admins, and never a reason to refuse the rest of its delivery.
 */
export const webhookDeadLetters = pgTable(
  "webhook_dead_letters",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** The message as Meta sent it, serialised as JSON text (NUL escapes and any depth survive in text, not in jsonb). */
    raw: text("raw").notNull(),
    /** Why it was not stored: a stable code such as `wamid_too_long` or `database:<sqlstate>`. */
    reason: text("reason").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_dead_letters_workspace_idx").on(t.workspaceId, t.receivedAt.desc(), t.id.desc())],
);

/**
 * A message template of the workspace's WhatsApp Business Account, as the Graph API last described it
 * (`GET /<WABA id>/message_templates`). Meta owns them: the app only mirrors them, to pick and send.
 */
export const messageTemplates = pgTable(
  "message_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Meta's template id. */
    metaId: text("meta_id").notNull(),
    name: text("name").notNull(),
    /** Meta's language code, e.g. pt_BR, en_US. */
    language: text("language").notNull(),
    /** marketing, utility or authentication (Meta's category, lower-cased). */
    category: text("category").notNull(),
    /** approved, pending, rejected, paused, disabled, ... (Meta's status, lower-cased; new ones kept as they come). */
    status: text("status").notNull(),
    /** positional ({{1}}) or named ({{first_name}}). */
    parameterFormat: text("parameter_format").notNull().default("positional"),
    /** Meta's `components` array as the Graph API returned it. */
    components: jsonb("components").$type<unknown[]>().notNull(),
    /** Why Meta rejected or paused it, when it says. */
    statusReason: text("status_reason"),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("message_templates_workspace_meta_id_key").on(t.workspaceId, t.metaId),
    // The composer's picker: search by name within a workspace.
    index("message_templates_workspace_name_idx").on(t.workspaceId, t.name, t.language),
  ],
);

/**
 * A saved reply typed with `/shortcut` in the composer. `ownerUserId` null: the workspace's, managed
 * by admins; set: an agent's own.
 */
export const quickReplies = pgTable(
  "quick_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    ownerUserId: uuid("owner_user_id").references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    /** Without the slash, lower-case. */
    shortcut: text("shortcut").notNull(),
    body: text("body").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One shortcut once among the workspace's replies and once among each member's own.
    uniqueIndex("quick_replies_owner_shortcut_key").on(
      t.workspaceId,
      sql`coalesce(${t.ownerUserId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.shortcut,
    ),
  ],
);

/**
 * A message bot of a workspace (lib/bots/rules/definition.ts): its trigger,
 * audience, reply and actions, and its counters for the Bots screen (kept
 * here, not counted from messages, which chat cleanup deletes).
 */
export const messageBots = pgTable(
  "message_bots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** everyone, leads or customers */
    audience: text("audience").$type<BotAudience>().notNull().default("everyone"),
    /** welcome, away, keyword, button or fallback */
    trigger: text("trigger").$type<BotTrigger>().notNull(),
    keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
    /** contains or exact */
    keywordMatch: text("keyword_match").$type<KeywordMatch>().notNull().default("contains"),
    reply: jsonb("reply").$type<BotReply>().notNull(),
    actions: jsonb("actions").$type<BotActions>().notNull(),
    delaySeconds: integer("delay_seconds").notNull().default(0),
    /** At most once per conversation every N hours; null: each time it matches. */
    oncePerHours: integer("once_per_hours"),
    /** Order among the bots of one trigger: the first that matches answers. */
    position: integer("position").notNull().default(0),
    sentCount: integer("sent_count").notNull().default(0),
    clickCount: integer("click_count").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("message_bots_workspace_idx").on(t.workspaceId, t.trigger, t.position),
    // The webhook's statement asks, per message, whether the workspace has any bot on.
    index("message_bots_enabled_idx").on(t.workspaceId).where(sql`${t.enabled}`),
  ],
);

/** When a bot last answered in a conversation: its "at most once every N hours". */
export const botConversationRuns = pgTable(
  "bot_conversation_runs",
  {
    botId: uuid("bot_id")
      .notNull()
      .references(() => messageBots.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    lastSentAt: timestamp("last_sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.botId, t.conversationId] }),
    // Chat cleanup deletes conversations: their runs go with them.
    index("bot_conversation_runs_conversation_idx").on(t.conversationId),
  ],
);
