import "server-only";
import { getTranslations } from "next-intl/server";

/** A translator for server actions and route handlers, in the request's locale. */
export async function serverTranslator(): Promise<(key: string, values?: Record<string, string | number>) => string> {
  const t = await getTranslations();
  return (key, values) => t(key as never, values as never);
}
