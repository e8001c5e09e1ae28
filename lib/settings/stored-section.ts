import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { decryptSecret, encryptSecret, maskSecret } from "@/lib/crypto";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/db/schema";

/**
 * A settings section kept as one row of `settings` per workspace. `schema`
 * gives every field a default, so a workspace that never saved the section
 * reads the defaults. Fields named in `secretFields` are encrypted at rest,
 * never sent back to the browser, and an empty value on save keeps the stored one.
 */
export type StoredSection<S extends z.ZodObject> = {
  key: string;
  schema: S;
  secretFields?: readonly (keyof z.output<S> & string)[];
};

export function defineStoredSection<S extends z.ZodObject>(section: StoredSection<S>): StoredSection<S> {
  return section;
}

async function readRow(db: Db, workspaceId: string, key: string) {
  const [row] = await db
    .select({ value: settings.value })
    .from(settings)
    .where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, key)));
  return row?.value ?? {};
}

/** The section's values with defaults filled in and secrets decrypted: for server-side use only. */
export async function getSettings<S extends z.ZodObject>(db: Db, workspaceId: string, section: StoredSection<S>): Promise<z.output<S>> {
  return parseStoredSettings(section, workspaceId, await readRow(db, workspaceId, section.key));
}

/** Reads a stored row (or nothing) into the section's values, for callers that fetched the row with other data. */
export function parseStoredSettings<S extends z.ZodObject>(section: StoredSection<S>, workspaceId: string, row: Record<string, unknown> | null | undefined): z.output<S> {
  const stored: Record<string, unknown> = { ...(row ?? {}) };
  for (const field of section.secretFields ?? []) {
    const cipher = stored[field];
    stored[field] = typeof cipher === "string" && cipher ? decryptSecret(cipher, workspaceId) : "";
  }
  const parsed = section.schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  // A row written by an older schema: keep what still fits, default the rest.
  console.warn(`[settings] ${section.key} of ${workspaceId} no longer matches its schema; using defaults where it differs`);
  const fallback: Record<string, unknown> = {};
  for (const [field, fieldSchema] of Object.entries(section.schema.shape)) {
    const one = (fieldSchema as z.ZodType).safeParse(stored[field]);
    fallback[field] = one.success ? one.data : undefined;
  }
  return section.schema.parse(fallback);
}

/** What the settings form shows: secrets replaced by "" plus a mask to recognise the stored one. */
export async function getSettingsForForm<S extends z.ZodObject>(db: Db, workspaceId: string, section: StoredSection<S>) {
  const values: Record<string, unknown> = { ...(await getSettings(db, workspaceId, section)) };
  const masks: Record<string, string | null> = {};
  for (const field of section.secretFields ?? []) {
    const secret = values[field];
    masks[field] = typeof secret === "string" && secret ? maskSecret(secret) : null;
    values[field] = "";
  }
  return { values: values as z.output<S>, masks };
}

export async function saveSettings<S extends z.ZodObject>(
  db: Db,
  workspaceId: string,
  section: StoredSection<S>,
  values: z.output<S>,
  userId: string | null,
): Promise<void> {
  const secretFields = section.secretFields ?? [];
  // Read-modify-write of secret fields happens in one transaction so a concurrent save cannot drop a stored secret.
  await db.transaction(async (tx) => {
    const current = secretFields.length ? await readRow(tx, workspaceId, section.key) : {};
    const value: Record<string, unknown> = { ...values };
    for (const field of secretFields) {
      const typed = value[field];
      value[field] = typeof typed === "string" && typed ? encryptSecret(typed, workspaceId) : (current[field] ?? "");
    }
    await tx
      .insert(settings)
      .values({ workspaceId, section: section.key, value, updatedBy: userId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: [settings.workspaceId, settings.section],
        set: { value, updatedBy: userId, updatedAt: new Date() },
      });
  });
}
