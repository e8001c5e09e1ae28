CREATE TABLE "bot_conversation_runs" (
	"bot_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"last_sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "bot_conversation_runs_bot_id_conversation_id_pk" PRIMARY KEY("bot_id","conversation_id")
);
--> statement-breakpoint
CREATE TABLE "message_bots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"audience" text DEFAULT 'everyone' NOT NULL,
	"trigger" text NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"keyword_match" text DEFAULT 'contains' NOT NULL,
	"reply" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"delay_seconds" integer DEFAULT 0 NOT NULL,
	"once_per_hours" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"sent_count" integer DEFAULT 0 NOT NULL,
	"click_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "bots_read_through" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "bot_id" uuid;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "time_zone" text DEFAULT 'America/Sao_Paulo' NOT NULL;--> statement-breakpoint
ALTER TABLE "bot_conversation_runs" ADD CONSTRAINT "bot_conversation_runs_bot_id_message_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."message_bots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_conversation_runs" ADD CONSTRAINT "bot_conversation_runs_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bot_conversation_runs" ADD CONSTRAINT "bot_conversation_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_bots" ADD CONSTRAINT "message_bots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bot_conversation_runs_conversation_idx" ON "bot_conversation_runs" USING btree ("conversation_id");--> statement-breakpoint
CREATE INDEX "message_bots_workspace_idx" ON "message_bots" USING btree ("workspace_id","trigger","position");--> statement-breakpoint
CREATE INDEX "message_bots_enabled_idx" ON "message_bots" USING btree ("workspace_id") WHERE "message_bots"."enabled";--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_bot_id_message_bots_id_fk" FOREIGN KEY ("bot_id") REFERENCES "public"."message_bots"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_bot_idx" ON "messages" USING btree ("bot_id") WHERE "messages"."bot_id" is not null;