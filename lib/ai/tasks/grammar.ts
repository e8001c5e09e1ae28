import { fence, instructions, type AiTask } from "./shared";

/** Fix spelling and grammar: corrections only, the agent's words otherwise untouched. */
export function grammarTask(input: { text: string }): AiTask {
  return {
    action: "grammar",
    instructions: instructions(
      "Task: correct the spelling, grammar, capitalisation and punctuation of the draft.",
      "Keep its language, wording, tone and meaning; change nothing that is not an error. If there is no error, return it unchanged.",
    ),
    prompt: fence("draft", input.text),
  };
}
