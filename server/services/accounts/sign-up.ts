import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import type { SignUpInput } from "@/lib/auth/schemas";
import { AppError } from "@/server/errors";
import { recordAudit } from "@/server/services/audit/record-audit";
import type { UserRef } from "@/server/services/workspaces/types";
import { hashPassword } from "./passwords";

export async function signUp(input: SignUpInput): Promise<UserRef> {
  const db = await getDb();
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  if (existing) {
    throw new AppError("CONFLICT", "An account with this email already exists: sign in instead", {
      fields: { email: ["emailTaken"] },
    });
  }
  const passwordHash = await hashPassword(input.password);
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) {
    throw new AppError("CONFLICT", "An account with this email already exists: sign in instead", {
      fields: { email: ["emailTaken"] },
    });
  }
  await recordAudit(null, user, "auth.sign_up", { type: "user", id: user.id });
  return user;
}
