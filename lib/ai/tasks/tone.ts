import type { AiTone } from "../models";
import { fence, instructions, type AiTask } from "./shared";

const TONES: Record<AiTone, string> = {
  professional: "professional: courteous, precise and businesslike",
  friendly: "friendly: warm and relaxed, still polite",
  empathetic: "empathetic: acknowledge how the customer feels and show understanding before anything else",
  direct: "direct: short and to the point, without filler or small talk",
};

/** Change tone: the same message in another register. */
export function toneTask(input: { text: string; tone: AiTone }): AiTask {
  return {
    action: "tone",
    instructions: instructions(
      `Task: rewrite the draft in a ${TONES[input.tone]} tone.`,
      "Keep its language, its meaning and every fact in it (names, numbers, dates, links).",
    ),
    prompt: fence("draft", input.text),
  };
}
