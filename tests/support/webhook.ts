import { readFileSync } from "node:fs";
import path from "node:path";
import { signBody } from "@/lib/whatsapp/signature";

// A copy of the shared WhatsApp fixtures, so a clone of this repository runs its tests anywhere.
export const FIXTURES = path.resolve(process.cwd(), "tests/fixtures/whatsapp");
export const TEST_APP_SECRET = "test-app-secret";

export function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8"));
}

type Msg = Record<string, unknown>;

/** A webhook body of the Cloud API's shape for one business number. */
export function webhookBody(phoneNumberId: string, value: { messages?: Msg[]; statuses?: Msg[]; contacts?: Msg[] }) {
  return {
    object: "whatsapp_business_account",
    entry: [
      {
        id: "200000000000001",
        changes: [
          {
            field: "messages",
            value: { messaging_product: "whatsapp", metadata: { display_phone_number: "5511900000001", phone_number_id: phoneNumberId }, ...value },
          },
        ],
      },
    ],
  };
}

export function textMessage(from: string, wamid: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Msg {
  return { from, id: wamid, timestamp: String(timestamp), type: "text", text: { body } };
}

export function signedRequest(body: unknown, options: { secret?: string; signature?: string | null; url?: string } = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const signature = options.signature === undefined ? signBody(raw, options.secret ?? TEST_APP_SECRET) : options.signature;
  if (signature !== null) headers["x-hub-signature-256"] = signature;
  return new Request(options.url ?? "http://localhost/api/whatsapp/webhook", { method: "POST", headers, body: raw });
}
