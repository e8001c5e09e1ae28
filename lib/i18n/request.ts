import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentMember } from "@/lib/auth/session";
import { DEFAULT_TIME_ZONE } from "@/lib/time-zone";
import { LOCALE_COOKIE, resolveLocale } from "./config";

/**
 * The member's saved language first, then the switcher's cookie, then the browser's languages, then pt-BR.
 * Dates show in the workspace's time zone: the member read for this request (cached) carries it, so it
 * costs no query; signed out, the default.
 */
export default getRequestConfig(async () => {
  const [member, cookieStore, headerList] = await Promise.all([currentMember().catch(() => null), cookies(), headers()]);
  const locale = resolveLocale({
    preference: member?.locale,
    cookie: cookieStore.get(LOCALE_COOKIE)?.value,
    acceptLanguage: headerList.get("accept-language"),
  });
  const messages = (await import(`../../messages/${locale}.json`)).default;
  return { locale, messages, timeZone: member?.timeZone ?? DEFAULT_TIME_ZONE };
});
