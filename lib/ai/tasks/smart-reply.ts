import { conversationBlock, fence, instructions, type AiTask, type ContextMessage } from "./shared";

/** Smart reply: the agent's next message, drafted from the last messages of the chat. */
export function smartReplyTask(input: { messages: readonly ContextMessage[]; text: string }): AiTask {
  const draft = input.text.trim();
  return {
    action: "smart-reply",
    instructions: instructions(
      "Task: write the agent's next reply to the customer, based on the conversation.",
      "Answer in the language the customer writes in. Be helpful, friendly and brief, as fits a WhatsApp message.",
      "Do not invent facts the conversation does not give (prices, dates, stock, policies); where one is needed, write a placeholder in square brackets.",
      draft ? "The agent started a draft: build the reply on it." : "",
    ),
    prompt: [conversationBlock(input.messages), draft ? fence("draft", draft) : ""].filter(Boolean).join("\n\n"),
  };
}
