import { conversationBlock, fence, instructions, type AiTask, type ContextMessage } from "./shared";

/**
 * A saved prompt (Setup > AI prompts). Its instruction is written by the
 * workspace's admins, so it is obeyed; the draft and the chat stay fenced data.
 */
export function customPromptTask(input: {
  prompt: { name: string; instruction: string };
  messages: readonly ContextMessage[];
  text: string;
}): AiTask {
  const draft = input.text.trim();
  return {
    action: "custom-prompt",
    instructions: instructions(
      `Task: write the message the business's saved prompt "${input.prompt.name.replace(/\s+/g, " ")}" asks for. Its instruction, from the business's admins:`,
      input.prompt.instruction.trim(),
      "",
      "Use the conversation for context and write in the language the customer writes in (or the draft's language when there is no conversation).",
      draft ? "The agent started a draft: apply the instruction to it." : "",
    ),
    prompt: [input.messages.length ? conversationBlock(input.messages) : "", draft ? fence("draft", draft) : ""].filter(Boolean).join("\n\n") || fence("draft", ""),
  };
}
