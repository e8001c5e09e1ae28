/**
 * The variables a bot's text may hold, filled for each customer when the
 * reply is sent. The tokens are code, not words: they are never translated.
 */
export const BOT_VARIABLES = [
  { key: "firstName", token: "{{first_name}}" },
  { key: "name", token: "{{name}}" },
  { key: "businessName", token: "{{business_name}}" },
] as const;
