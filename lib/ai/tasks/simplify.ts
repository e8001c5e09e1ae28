import { fence, instructions, type AiTask } from "./shared";

/** Simplify: the same message in plain words anyone understands. */
export function simplifyTask(input: { text: string }): AiTask {
  return {
    action: "simplify",
    instructions: instructions(
      "Task: rewrite the draft in simpler, clearer language that anyone understands: short sentences, everyday words, no jargon.",
      "Keep its language and meaning, and every fact the customer needs (names, numbers, dates, links).",
    ),
    prompt: fence("draft", input.text),
  };
}
