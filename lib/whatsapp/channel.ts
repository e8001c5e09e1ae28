import { eq } from "drizzle-orm";
import { z } from "zod";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { pgErrorCode, UNIQUE_VIOLATION } from "@/lib/db/errors";
import { whatsappChannels } from "@/lib/db/schema";
import { FieldErrors } from "@/lib/errors";
import { GraphApiError, getPhoneNumber } from "./graph-client";

const numericId = z.string().trim().regex(/^\d{5,25}$/, { error: "validation.numeric_id" });

/** The WhatsApp channel settings form. An empty access token keeps the stored one. */
export const channelSchema = z.object({
  phoneNumberId: numericId,
  wabaId: numericId,
  displayPhoneNumber: z.string().trim().regex(/^\+?[\d\s().-]{8,25}$/, { error: "validation.phone_number" }),
  accessToken: z.string().trim().max(1000).default(""),
});

export type ChannelInput = z.output<typeof channelSchema>;

export type ChannelForForm = {
  values: ChannelInput;
  masks: { accessToken: string | null };
};

export async function getChannelRow(db: Db, workspaceId: string) {
  const [row] = await db.select().from(whatsappChannels).where(eq(whatsappChannels.workspaceId, workspaceId));
  return row ?? null;
}

export async function getChannelForForm(db: Db, workspaceId: string): Promise<ChannelForForm> {
  const row = await getChannelRow(db, workspaceId);
  const token = row?.accessTokenEncrypted ? decryptSecret(row.accessTokenEncrypted, workspaceId) : null;
  return {
    values: {
      phoneNumberId: row?.phoneNumberId ?? "",
      wabaId: row?.wabaId ?? "",
      displayPhoneNumber: row?.displayPhoneNumber ?? "",
      accessToken: "",
    },
    masks: { accessToken: token ? maskSecret(token) : null },
  };
}

/** The decrypted access token for Graph API calls; server-side only. */
export async function getChannelCredentials(db: Db, workspaceId: string) {
  const row = await getChannelRow(db, workspaceId);
  if (!row?.accessTokenEncrypted) return null;
  return { phoneNumberId: row.phoneNumberId, accessToken: decryptSecret(row.accessTokenEncrypted, workspaceId) };
}

export async function saveChannel(db: Db, workspaceId: string, input: ChannelInput): Promise<void> {
  const existing = await getChannelRow(db, workspaceId);
  if (!existing && !input.accessToken) throw new FieldErrors({ accessToken: { key: "required" } });
  const tokenCipher = input.accessToken ? encryptSecret(input.accessToken, workspaceId) : existing?.accessTokenEncrypted;
  const values = {
    phoneNumberId: input.phoneNumberId,
    wabaId: input.wabaId,
    displayPhoneNumber: input.displayPhoneNumber,
    accessTokenEncrypted: tokenCipher ?? null,
    updatedAt: new Date(),
  };
  try {
    await db
      .insert(whatsappChannels)
      .values({ workspaceId, ...values })
      .onConflictDoUpdate({ target: whatsappChannels.workspaceId, set: values });
  } catch (error) {
    // The unique index on phone_number_id decides races between workspaces claiming one number.
    if (pgErrorCode(error) === UNIQUE_VIOLATION) throw new FieldErrors({ phoneNumberId: { key: "phone_number_id_taken" } });
    throw error;
  }
}

export type ConnectionTestResult =
  | { ok: true; verifiedName: string | null; displayPhoneNumber: string | null }
  | { ok: false; reason: "not_configured" | "graph_error" | "timeout" | "network"; message: string | null; status?: number };

/** Asks the Graph API for the saved number (GET /{phone-number-id}) with the saved token. */
export async function testChannelConnection(db: Db, workspaceId: string): Promise<ConnectionTestResult> {
  const credentials = await getChannelCredentials(db, workspaceId);
  if (!credentials) return { ok: false, reason: "not_configured", message: null };
  try {
    const info = await getPhoneNumber(credentials.accessToken, credentials.phoneNumberId);
    return { ok: true, verifiedName: info.verified_name ?? null, displayPhoneNumber: info.display_phone_number ?? null };
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    if (error.status === 0) return { ok: false, reason: error.message === "timeout" ? "timeout" : "network", message: null };
    return { ok: false, reason: "graph_error", message: error.message, status: error.status };
  }
}
