"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/lib/actions/safe-action";
import { signIn } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";

const loginSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  password: z.string().min(1).max(200),
  next: z.string().optional(),
});

/** Only same-site paths: `next` comes from the URL and must not send the user elsewhere. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/inbox";
}

export const login = publicAction({ name: "login", input: loginSchema }, async (_ctx, input) => {
  try {
    await signIn("credentials", { email: input.email, password: input.password, redirectTo: safeNext(input.next) });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : "";
    if (code.startsWith("locked:")) {
      const minutes = Math.ceil(Number(code.slice("locked:".length)) / 60);
      throw new AppError("rate_limited:login", { messageKey: "login_locked", values: { minutes } });
    }
    if (code === "inactive") throw new AppError("forbidden:login", { messageKey: "login_inactive" });
    throw new AppError("unauthorized:login", { messageKey: "login_invalid" });
  }
});
