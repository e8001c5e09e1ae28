import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { connectFromEnv } from "@/lib/db/client";
import { migrateFromEnv } from "@/lib/db/migrate";
import { FieldErrors } from "@/lib/errors";
import { createWorkspaceWithAdmin, newWorkspaceSchema } from "@/lib/workspaces/create";
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv(false);

const usage = `Usage: npm run workspace:create -- --name "Loja Exemplo" --admin-name "Ana" --admin-email ana@loja.com.br [--locale pt-BR|en]
The admin's password is asked for on the terminal (or read from the first line of standard input).`;

const { values } = parseArgs({
  options: {
    name: { type: "string" },
    "admin-name": { type: "string" },
    "admin-email": { type: "string" },
    locale: { type: "string" },
    help: { type: "boolean" },
  },
});
if (values.help || !values.name || !values["admin-email"] || !values["admin-name"]) {
  console.log(usage);
  process.exit(values.help ? 0 : 2);
}

const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
const password = await prompt.question(process.stdin.isTTY ? "Admin password (at least 8 characters): " : "");
prompt.close();

const parsed = newWorkspaceSchema.safeParse({
  workspaceName: values.name,
  adminName: values["admin-name"],
  adminEmail: values["admin-email"],
  adminPassword: password,
  locale: values.locale,
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}

await migrateFromEnv();
const connection = connectFromEnv();
try {
  const created = await createWorkspaceWithAdmin(connection.db, parsed.data);
  console.log(`Workspace "${parsed.data.workspaceName}" created (${created.workspaceId}). ${parsed.data.adminEmail} can sign in as its admin.`);
} catch (error) {
  if (error instanceof FieldErrors) {
    console.error(`adminEmail: ${parsed.data.adminEmail} is already registered.`);
    process.exit(2);
  }
  throw error;
} finally {
  await connection.close();
}
