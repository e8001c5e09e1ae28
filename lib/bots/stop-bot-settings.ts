import { z } from "zod";
import { defineStoredSection } from "@/lib/settings/stored-section";
import { keywordList } from "./keywords";

/**
 * Stop Bot: a customer message containing one of `keywords` silences every
 * bot (the AI assistant included) in that chat for `restartAfterHours`; then
 * bots answer again with no one acting. The same period applies when an
 * agent's own reply or a rule bot's hand-over pauses every bot, and when the
 * assistant's own stop keyword pauses only the assistant.
 */
export const stopBotSection = defineStoredSection({
  key: "stop-bot",
  schema: z.object({
    keywords: keywordList.default([]),
    restartAfterHours: z.coerce.number().int().min(1).max(720).default(24),
  }),
});

export type StopBotSettings = z.output<typeof stopBotSection.schema>;
