import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { CredentialsSignin, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { clientIp } from "@/server/request";
import { verifyCredentials } from "@/server/services/accounts/verify-credentials";
import { recordAudit } from "@/server/services/audit/record-audit";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
  }
}

/** Surfaces to the sign-in form as `code: "throttled"`, so it can say "try again later". */
class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

async function buildConfig(): Promise<NextAuthConfig> {
  const settings = env();
  const db = await getDb();
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const result = await verifyCredentials(credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        if (result.reason === "throttled") throw new ThrottledSignIn();
        return null;
      },
    }),
  ];
  if (settings.AUTH_GITHUB_ID && settings.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: settings.AUTH_GITHUB_ID, clientSecret: settings.AUTH_GITHUB_SECRET }));
  }
  if (settings.AUTH_GOOGLE_ID && settings.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: settings.AUTH_GOOGLE_ID, clientSecret: settings.AUTH_GOOGLE_SECRET }));
  }
  return {
    adapter: DrizzleAdapter(db, {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    // JWT sessions: the Credentials provider cannot create database sessions.
    session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
    secret: settings.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    logger: {
      error: (error) => {
        if (error instanceof CredentialsSignin) return; // expected: wrong password or throttled
        logger.error({ err: error }, "auth error");
      },
      warn: (code) => logger.warn({ code }, "auth warning"),
    },
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      async signIn({ user, account }) {
        if (!user.id) return;
        await recordAudit(null, { id: user.id, email: user.email ?? "" }, "auth.sign_in", null, {
          provider: account?.provider ?? "credentials",
        });
      },
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        if (!token?.sub) return;
        await recordAudit(null, { id: token.sub, email: token.email ?? "" }, "auth.sign_out");
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

export function enabledOAuthProviders(): ("github" | "google")[] {
  const settings = env();
  return [
    ...(settings.githubAuth ? ["github" as const] : []),
    ...(settings.googleAuth ? ["google" as const] : []),
  ];
}
