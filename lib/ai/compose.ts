import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { toUIMessageStream, type TextStreamPart, type ToolSet, type UIMessageChunk } from "ai";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import { messages } from "@/lib/db/schema";
import type { AppError } from "@/lib/errors";
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

const tooLong = { error: "validation.ai_draft_too_long" };
const draft = z.string().trim().min(1, { error: "validation.ai_draft_required" }).max(MAX_DRAFT, tooLong);
const optionalDraft = z.string().trim().max(MAX_DRAFT, tooLong).default("");
const conversationId = z.string().max(100);

/** What the composer asks for (POST /api/ai/compose). */
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

/**
 * The first part of the answer that tells how the call is going: words, a
 * failure, an abort or the end. `result.stream` hands each reader its own copy
 * of the parts from the start, so reading this one (and dropping it) takes
 * nothing from the copy that goes to the browser.
 */
async function firstOutcome(stream: AsyncIterable<TextStreamPart<ToolSet>>): Promise<TextStreamPart<ToolSet> | undefined> {
  try {
    for await (const part of stream) {
      if ((part.type === "text-delta" && part.text) || part.type === "error" || part.type === "abort" || part.type === "finish") return part;
    }
  } catch (error) {
    // Only a broken stream throws (the SDK reports API failures as parts); it is a failure all the same.
    return { type: "error", error };
  }
  return undefined;
}

/**
 * Streams the answer to one composer action as the AI SDK's UI message stream
 * (what `useCompletion` reads). Who may ask is checked first (the conversation
 * must be visible to the member: 404 otherwise), then whether AI is on and has
 * a key. The answer is read up to its first words before this returns, so a
 * refused key, a missing model, a rate limit or a timeout reach the caller as
 * an AppError (a status and words) rather than as an empty answer; a failure
 * after that reaches the browser as the stream's error, in the words
 * `describe` gives it. Every call that reaches the API is recorded in
 * `ai_usage` once, from the SDK's callbacks: when it ends, fails or is
 * cancelled (the agent pressed Stop or left).
 */
export async function streamCompose(
  db: Db,
  member: Actor,
  input: ComposeInput,
  options: { signal?: AbortSignal; describe: (error: AppError) => string },
): Promise<ReadableStream<UIMessageChunk>> {
  const conversation = await findVisibleConversation(db, member, input.conversationId);
  const config = await getAiConfig(db, member.workspaceId);
  if (!config.enabled) throw AI_ERRORS.disabled();
  if (!config.apiKey) throw AI_ERRORS.noKey();
  const task = await buildTask(db, member.workspaceId, conversation.id, input);

  const started = Date.now();
  // The first outcome to arrive is the one recorded: a failure reported as a part can be followed by the end.
  let recorded: Promise<void> | undefined;
  const record = (outcome: { success: boolean; errorCode?: string; inputTokens?: number; outputTokens?: number }) =>
    (recorded ??= recordAiUsage(db, {
      workspaceId: member.workspaceId,
      userId: member.userId,
      action: task.action,
      model: config.model,
      inputTokens: outcome.inputTokens ?? 0,
      outputTokens: outcome.outputTokens ?? 0,
      durationMs: Date.now() - started,
      success: outcome.success,
      errorCode: outcome.errorCode ?? null,
    }).catch((error: unknown) => {
      // The agent still gets the answer; only the usage figure misses this call.
      console.error("[ai] could not record usage", error);
    }));
  const failed = (error: unknown) => record({ success: false, errorCode: toAiError(error).code });
  const cancelled = () => record({ success: false, errorCode: "cancelled" });

  const cancel = new AbortController();
  const result = runTask(createChatModel(config), task, {
    abortSignal: options.signal ? AbortSignal.any([options.signal, cancel.signal]) : cancel.signal,
    onEnd: (usage) => record({ success: true, inputTokens: usage.inputTokens, outputTokens: usage.outputTokens }),
    onError: failed,
    onAbort: cancelled,
  });

  const first = await firstOutcome(result.stream);
  if (first?.type === "error") {
    await failed(first.error);
    throw toAiError(first.error);
  }
  if (first?.type === "abort") {
    await cancelled();
    // Nobody is left to read it; an answer is still owed to whoever asked.
    throw AI_ERRORS.unavailable();
  }

  return toUIMessageStream({
    stream: result.stream,
    onError: (error) => options.describe(toAiError(error)),
    onEnd: ({ isCancelled, outcome }) => {
      if (outcome.status === "failed") return failed(outcome.error);
      if (!isCancelled) return;
      // The browser went away mid-answer: stop paying for the rest of it.
      cancel.abort();
      return cancelled();
    },
  });
}
