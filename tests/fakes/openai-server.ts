import { parseArgs } from "node:util";
import { OPENAI_FAKE_KEY, OPENAI_FAKE_LIMITED_KEY, OPENAI_FAKE_MODELS, startOpenAiFake } from "./openai-api";

/**
 * The OpenAI API fake as a process, for end-to-end tests (OPENAI_BASE_URL
 * http://127.0.0.1:<port>/v1). It knows OPENAI_FAKE_KEY (every model) and
 * OPENAI_FAKE_LIMITED_KEY (gpt-3.5-turbo only); specs steer it through /__fake/*.
 */
const { values } = parseArgs({ options: { port: { type: "string", default: "6103" } } });
const fake = await startOpenAiFake({
  port: Number(values.port),
  keys: { [OPENAI_FAKE_KEY]: OPENAI_FAKE_MODELS, [OPENAI_FAKE_LIMITED_KEY]: ["gpt-3.5-turbo"] },
});
console.log(`OpenAI API fake on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
