import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { messages } from "@/lib/db/schema";
import { findVisibleConversation } from "@/lib/inbox/access";
import { AI_ERRORS, toAiError } from "./errors";
import { AI_TONES } from "./models";
import { getPrompt } from "./prompts";
import { createChatModel, getAiConfig } from "./provider";
import { runTask } from "./run-task";
import { customPromptTask } from "./tasks/custom-prompt";
import { grammarTask } from "./tasks/grammar";
import type { AiTask, ContextMessage } from "./tasks/shared";
import { simplifyTask } from "./tasks/simplify";
import { smartReplyTask } from "./tasks/smart-reply";
import { toneTask } from "./tasks/tone";
import { translateTask } from "./tasks/translate";
import { recordAiUsage } from "./usage";

/** WhatsApp refuses text bodies longer than this, so no draft is longer. */
const MAX_DRAFT = 4096;
/** How much of the chat the smart reply and saved prompts read: enough context, a bounded bill. */
const CONTEXT_MESSAGES = 12;
const CONTEXT_MESSAGE_CHARS = 1_000;

const draft = z.string().trim().min(1, { error: "validation.ai_draft_required" }).max(MAX_DRAFT);
const optionalDraft = z.string().trim().max(MAX_DRAFT).default("");
const conversationId = z.string().max(100);

/** What the composer asks for; `action` comes from the route's path (/api/ai/<action>). */
export const composeInputSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("translate"), conversationId, text: draft, language: z.string().trim().min(1).max(60) }),
  z.object({ action: z.literal("tone"), conversationId, text: draft, tone: z.enum(AI_TONES) }),
  z.object({ action: z.literal("grammar"), conversationId, text: draft }),
  z.object({ action: z.literal("simplify"), conversationId, text: draft }),
  z.object({ action: z.literal("smart-reply"), conversationId, text: optionalDraft }),
  z.object({ action: z.literal("custom-prompt"), conversationId, text: optionalDraft, promptId: z.string().max(100) }),
]);
export type ComposeInput = z.output<typeof composeInputSchema>;

/** The last messages of the chat, oldest first; media without a caption appear as their type. */
async function recentMessages(db: Db, workspaceId: string, conversation: string): Promise<ContextMessage[]> {
  const rows = await db
    .select({ sender: messages.sender, type: messages.type, text: messages.text })
    .from(messages)
    .where(and(eq(messages.workspaceId, workspaceId), eq(messages.conversationId, conversation)))
    .orderBy(desc(messages.sentAt), desc(messages.id))
    .limit(CONTEXT_MESSAGES);
  return rows.reverse().map((row) => ({ from: row.sender, text: (row.text?.trim() || `[${row.type}]`).slice(0, CONTEXT_MESSAGE_CHARS) }));
}

async function buildTask(db: Db, workspaceId: string, conversation: string, input: ComposeInput): Promise<AiTask> {
  switch (input.action) {
    case "translate":
      return translateTask(input);
    case "tone":
      return toneTask(input);
    case "grammar":
      return grammarTask(input);
    case "simplify":
      return simplifyTask(input);
    case "smart-reply":
      return smartReplyTask({ messages: await recentMessages(db, workspaceId, conversation), text: input.text });
    case "custom-prompt": {
      const prompt = await getPrompt(db, workspaceId, input.promptId);
      return customPromptTask({ prompt, messages: await recentMessages(db, workspaceId, conversation), text: input.text });
    }
  }
}

type StreamEvent = { kind: "text"; text: string } | { kind: "done"; inputTokens: number; outputTokens: number } | { kind: "error"; error: unknown } | { kind: "aborted" };

/**
 * Streams the answer to one composer action as plain UTF-8 text. Who may ask
 * is checked first (the conversation must be visible to the member: 404
 * otherwise), then whether AI is on and has a key. The stream is read up to
 * its first words before this returns, so a refused key, a missing model, a
 * rate limit or a timeout reach the caller as an AppError (a status and words)
 * rather than as an empty answer. Every call that reaches the API is recorded
 * in `ai_usage` once it ends, failed and cancelled ones included.
 */
export async function streamCompose(db: Db, member: Actor, input: ComposeInput, options: { signal?: AbortSignal } = {}): Promise<ReadableStream<Uint8Array>> {
  const conversation = await findVisibleConversation(db, member, input.conversationId);
  const config = await getAiConfig(db, member.workspaceId);
  if (!config.enabled) throw AI_ERRORS.disabled();
  if (!config.apiKey) throw AI_ERRORS.noKey();
  const task = await buildTask(db, member.workspaceId, conversation.id, input);

  const cancel = new AbortController();
  const abortSignal = options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal;
  const started = Date.now();
  const result = runTask(createChatModel(config), task, { abortSignal });
  const parts = result.stream[Symbol.asyncIterator]();

  let recorded = false;
  async function record(outcome: { success: boolean; errorCode?: string; inputTokens?: number; outputTokens?: number }) {
    if (recorded) return;
    recorded = true;
    try {
      await recordAiUsage(db, {
        workspaceId: member.workspaceId,
        userId: member.userId,
        action: task.action,
        model: config.model,
        inputTokens: outcome.inputTokens ?? 0,
        outputTokens: outcome.outputTokens ?? 0,
        durationMs: Date.now() - started,
        success: outcome.success,
        errorCode: outcome.errorCode ?? null,
      });
    } catch (error) {
      // The agent still gets the answer; only the usage figure misses this call.
      console.error("[ai] could not record usage", error);
    }
  }

  async function next(): Promise<StreamEvent> {
    for (;;) {
      const { done, value: part } = await parts.next();
      if (done) return { kind: "done", inputTokens: 0, outputTokens: 0 };
      if (part.type === "text-delta" && part.text) return { kind: "text", text: part.text };
      if (part.type === "finish") return { kind: "done", inputTokens: part.totalUsage.inputTokens ?? 0, outputTokens: part.totalUsage.outputTokens ?? 0 };
      if (part.type === "error") return { kind: "error", error: part.error };
      if (part.type === "abort") return { kind: "aborted" };
    }
  }

  /** Records how the call ended; returns the error to fail the stream with, if any. */
  async function settle(event: Exclude<StreamEvent, { kind: "text" }>) {
    if (event.kind === "done") return void (await record({ success: true, inputTokens: event.inputTokens, outputTokens: event.outputTokens }));
    if (event.kind === "aborted") return void (await record({ success: false, errorCode: "cancelled" }));
    const error = toAiError(event.error);
    await record({ success: false, errorCode: error.code });
    return error;
  }

  const first = await next();
  if (first.kind !== "text") {
    const error = await settle(first);
    if (error) throw error;
    // Nobody is left to read an abort; an empty answer is what remains of a finished one.
    if (first.kind === "aborted") throw AI_ERRORS.unavailable();
  }

  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.kind === "text") controller.enqueue(encoder.encode(first.text));
      else controller.close();
    },
    async pull(controller) {
      const event = await next();
      if (event.kind === "text") return controller.enqueue(encoder.encode(event.text));
      const error = await settle(event);
      if (error) controller.error(error);
      else controller.close();
    },
    async cancel() {
      cancel.abort();
      await record({ success: false, errorCode: "cancelled" });
    },
  });
}
