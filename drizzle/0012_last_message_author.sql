ALTER TABLE "conversations" ADD COLUMN "last_message_sender" "message_sender";--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_message_author_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_last_message_author_id_users_id_fk" FOREIGN KEY ("last_message_author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Chats whose newest message is ours get its writer from that message.
UPDATE "conversations" c SET ("last_message_sender", "last_message_author_id") = (
  SELECT m."sender", m."author_user_id" FROM "messages" m
  WHERE m."conversation_id" = c."id" AND m."direction" = 'outbound'
  ORDER BY m."sent_at" DESC LIMIT 1
) WHERE c."last_message_direction" = 'outbound';
