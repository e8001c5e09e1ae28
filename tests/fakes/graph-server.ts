import { parseArgs } from "node:util";
import { DEMO } from "@/lib/seed/demo";
import { startGraphFake } from "./graph-api";
import { sampleTemplates } from "./graph-templates";

/** The Graph API fake as a process, for end-to-end tests: it knows the demo number, token and a photo. */
const { values } = parseArgs({ options: { port: { type: "string", default: "6102" } } });
const fake = await startGraphFake({ port: Number(values.port) });
fake.setToken(DEMO.accessToken);
fake.setPhoneNumber(DEMO.phoneNumberId, { verified_name: "Demo Loja", display_phone_number: "+55 11 90000-0001", quality_rating: "GREEN" });
// A 1×1 PNG, served as the media of the e2e photo message.
fake.setMedia("e2e-photo-1", {
  bytes: Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8cf500f00038601805a347d6b0000000049454e44ae426082", "hex"),
  mimeType: "image/png",
});
fake.templates.set(DEMO.wabaId, sampleTemplates());
// Small pages, so "Sync templates" follows the cursor as it must with a real account.
fake.templates.setPageSize(4);
console.log(`Graph API fake on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
