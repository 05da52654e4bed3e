import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { signUpInput } from "@/lib/auth/schemas";
import { LOCALES } from "@/lib/i18n/locales";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "@/server/api/trpc";
import { AppError } from "@/server/errors";
import { recordFailure, lockedUntil, throttleKey } from "@/server/services/accounts/sign-in-throttle";
import { signUp } from "@/server/services/accounts/sign-up";

export const accountRouter = createTRPCRouter({
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    // sign-ups share the per-address failure budget, so account creation cannot be scripted freely
    if (await lockedUntil([throttleKey("ip", `signup:${ctx.ip}`)])) {
      throw new AppError("RATE_LIMITED", "Too many sign-ups from this address: try again in a few minutes");
    }
    await recordFailure("ip", `signup:${ctx.ip}`);
    const user = await signUp(input);
    return { id: user.id, email: user.email };
  }),
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  setLocale: protectedProcedure
    .input(z.object({ locale: z.enum(LOCALES) }))
    .mutation(async ({ ctx, input }) => {
      const db = await getDb();
      await db.update(users).set({ locale: input.locale }).where(eq(users.id, ctx.user.id));
      return { locale: input.locale };
    }),
});
