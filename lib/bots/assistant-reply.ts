import "server-only";
import { generateText } from "ai";
import { and, desc, eq } from "drizzle-orm";
import { toAiError } from "@/lib/ai/errors";
import { AI_MAX_RETRIES, createChatModel, getAiConfig } from "@/lib/ai/provider";
import { recordAiUsage } from "@/lib/ai/usage";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { conversations, messages } from "@/lib/db/schema";
import { GiveUp, type Job, type JobDefinition } from "@/lib/jobs/runner";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { getSettings } from "@/lib/settings/stored-section";
import { ASSISTANT_CONTEXT_MESSAGES, assistantInstructions, assistantMessages, withFooter } from "./assistant-prompt";
import { assistantSection } from "./assistant-settings";
import { assistantReplyKind } from "./job-kinds";
import { botSilence, sendBotReply } from "./send-reply";

/** lib/whatsapp/graph-client.ts's default timeout for a send. */
const GRAPH_SEND_TIMEOUT_MS = 10_000;

/** WhatsApp caps a text at 4,096 characters; the footer needs room too. */
const MAX_OUTPUT_TOKENS = 800;

/** `events`: what the reply caused in real time, published by lib/composition/job-kinds.ts once the run returned. */
export type AssistantOutcome = { replied: true; messageId: string; events: RealtimeEvent[] } | { replied: false; reason: string };

async function history(db: Db, workspaceId: string, conversationId: string) {
  const rows = await db
    .select({ sender: messages.sender, type: messages.type, text: messages.text })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversationId)))
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(ASSISTANT_CONTEXT_MESSAGES);
  return rows.reverse();
}

/**
 * The AI Assistant's reply to a chat, run as a job after the configured
 * delay. Everything is checked again when it runs (the assistant still on,
 * bots not paused, the window open, something left to answer), because the
 * world changed during the delay; and once more, under the conversation's
 * row lock, right before the reply is stored and sent (sendBotReply).
 */
export async function runAssistantReply(job: Job<{ conversationId: string }>, { db, now, signal }: { db: Db; now: () => Date; signal?: AbortSignal }): Promise<AssistantOutcome> {
  const { conversationId } = job.payload;
  const { workspaceId } = job;
  const assistant = await getSettings(db, workspaceId, assistantSection);
  if (!assistant.enabled) return { replied: false, reason: "assistant_disabled" };
  const ai = await getAiConfig(db, workspaceId);
  if (!ai.enabled || !ai.apiKey) return { replied: false, reason: ai.enabled ? "no_key" : "ai_disabled" };

  const [conversation] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.workspaceId, workspaceId)));
  const silence = await botSilence(db, conversation, now());
  if (silence) return { replied: false, reason: silence };

  const model = assistant.model ?? ai.model;
  const started = performance.now();
  let reply: string;
  try {
    const result = await generateText({
      model: createChatModel({ apiKey: ai.apiKey, model }),
      instructions: assistantInstructions(assistant.instructions),
      messages: assistantMessages(await history(db, workspaceId, conversationId)),
      maxOutputTokens: MAX_OUTPUT_TOKENS,
      maxRetries: AI_MAX_RETRIES,
      abortSignal: signal,
    });
    reply = result.text;
    await recordAiUsage(db, {
      workspaceId,
      userId: null,
      action: "assistant",
      model,
      inputTokens: result.usage.inputTokens ?? 0,
      outputTokens: result.usage.outputTokens ?? 0,
      durationMs: performance.now() - started,
      success: true,
      errorCode: null,
    });
  } catch (error) {
    const appError = toAiError(error);
    await recordAiUsage(db, {
      workspaceId, userId: null, action: "assistant", model, inputTokens: 0, outputTokens: 0,
      durationMs: performance.now() - started, success: false, errorCode: appError.code,
    });
    // The job queue retries with backoff; the customer's message is stored whatever happens here.
    throw new Error(`assistant reply failed: ${appError.code}`, { cause: error });
  }
  if (!reply.trim()) throw new GiveUp("the model answered nothing");

  const outcome = await sendBotReply(db, { workspaceId, conversationId, text: withFooter(reply, assistant.footer), key: job.id, now: now() });
  if ("silenced" in outcome) return { replied: false, reason: outcome.silenced };
  return { replied: true, messageId: outcome.sent.id, events: outcome.events };
}

export const assistantReplyJob: JobDefinition<AssistantOutcome, { conversationId: string }> = {
  kind: assistantReplyKind.name,
  payload: assistantReplyKind.payload,
  /** The model call (OPENAI_TIMEOUT_MS per try), WhatsApp's send (10 s) and a few seconds of reads and writes. */
  get timeoutMs() {
    return env().OPENAI_TIMEOUT_MS * (AI_MAX_RETRIES + 1) + GRAPH_SEND_TIMEOUT_MS + 5_000;
  },
  // A reply late by more than a few minutes is worse than none: an agent will see the chat.
  backoff: { baseMs: 20_000, maxMs: 120_000 },
  maxAttempts: 4,
  run: runAssistantReply,
};
