/** Field limits of the AI Assistant settings, shared by the schema and the form (safe for the browser). */
export const ASSISTANT_INSTRUCTIONS_MAX = 4000;
export const ASSISTANT_FOOTER_MAX = 500;
export const ASSISTANT_DELAY_MAX_SECONDS = 600;
