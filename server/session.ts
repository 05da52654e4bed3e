import "server-only";
import { eq } from "drizzle-orm";
import { cache } from "react";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { auth } from "@/server/auth";
import type { UserRef } from "@/server/services/workspaces/types";

export async function loadUser(userId: string | undefined): Promise<UserRef | null> {
  if (!userId) return null;
  const db = await getDb();
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}

/** The signed-in user for this request (once per render), or null. A session of a deleted user counts as none. */
export const getCurrentUser = cache(async (): Promise<UserRef | null> => {
  const session = await auth();
  return loadUser(session?.user?.id);
});
