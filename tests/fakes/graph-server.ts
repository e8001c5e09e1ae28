import { parseArgs } from "node:util";
import { DEMO } from "@/lib/seed/demo";
import { startGraphFake } from "./graph-api";

/** The Graph API fake as a process, for end-to-end tests: it knows the demo number, token and a photo. */
const { values } = parseArgs({ options: { port: { type: "string", default: "6102" } } });
const fake = await startGraphFake({ port: Number(values.port) });
fake.setToken(DEMO.accessToken);
fake.setPhoneNumber(DEMO.phoneNumberId, { verified_name: "Demo Loja", display_phone_number: "+55 11 90000-0001", quality_rating: "GREEN" });
// A 1×1 PNG, served as the media of the e2e photo message.
fake.setMedia("e2e-photo-1", {
  bytes: Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64"),
  mimeType: "image/png",
});
console.log(`Graph API fake on ${fake.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
