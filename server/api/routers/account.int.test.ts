import crypto from "node:crypto";
import { verify } from "@node-rs/argon2";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog, users } from "@/db/schema";
import { appRouter } from "@/server/api/root";
import {
  appErrorDetails,
  callerFor,
  expectTRPCError,
  fieldErrors,
  uniqueEmail,
  uniqueIp,
  openTestDatabase,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

const PASSWORD = "a-long-passphrase-2024";

async function storedUser(email: string) {
  const db = await getDb();
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

describe("account.signUp", () => {
  it("stores an argon2id hash of the password and never the password itself", async () => {
    const email = uniqueEmail("hash");
    const created = await callerFor(null).account.signUp({ name: "Hana", email, password: PASSWORD });

    const row = await storedUser(email);
    expect(row?.id).toBe(created.id);
    expect(row?.name).toBe("Hana");
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
    expect(await verify(row?.passwordHash ?? "", PASSWORD)).toBe(true);
  });

  it("records the sign-up in the audit log", async () => {
    const email = uniqueEmail("audited");
    const created = await callerFor(null).account.signUp({ name: "Hana", email, password: PASSWORD });

    const db = await getDb();
    const entries = await db.select().from(auditLog).where(eq(auditLog.actorId, created.id));
    expect(entries).toMatchObject([
      { action: "auth.sign_up", workspaceId: null, targetType: "user", targetId: created.id },
    ]);
  });

  it("answers CONFLICT with an emailTaken field error when the email already has an account", async () => {
    const email = uniqueEmail("taken");
    await callerFor(null).account.signUp({ name: "First", email, password: PASSWORD });

    const error = await expectTRPCError(
      callerFor(null).account.signUp({
        name: "Second",
        email: ` ${email.toUpperCase()} `,
        password: PASSWORD,
      }),
      "CONFLICT",
    );
    expect(appErrorDetails(error)).toEqual({ fields: { email: ["emailTaken"] } });
    expect((await storedUser(email))?.name).toBe("First");
  });

  it("lowercases and trims the email it is given", async () => {
    const local = `Mixed.Case.${crypto.randomUUID()}`;
    const created = await callerFor(null).account.signUp({
      name: "Mixed",
      email: `  ${local}@Example.COM  `,
      password: PASSWORD,
    });

    const normalised = `${local.toLowerCase()}@example.com`;
    expect(created.email).toBe(normalised);
    expect((await storedUser(normalised))?.id).toBe(created.id);
  });

  it("rejects a weak password with BAD_REQUEST and a field error on password, creating no account", async () => {
    const email = uniqueEmail("weak");
    const tooShort = await expectTRPCError(
      callerFor(null).account.signUp({ name: "Weak", email, password: "abc123" }),
      "BAD_REQUEST",
    );
    expect(fieldErrors(tooShort).password).toEqual(["passwordTooShort"]);

    const noDigit = await expectTRPCError(
      callerFor(null).account.signUp({ name: "Weak", email, password: "onlyletters-here" }),
      "BAD_REQUEST",
    );
    expect(fieldErrors(noDigit).password).toEqual(["passwordNeedsLetterAndDigit"]);

    expect(await storedUser(email)).toBeUndefined();
  });

  it("sends the form field-by-field validation messages over HTTP", async () => {
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      router: appRouter,
      req: new Request("http://localhost/api/trpc/account.signUp", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { name: "", email: "not-an-email", password: "short1" } }),
      }),
      createContext: () => ({ user: null, ip: uniqueIp() }),
    });

    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string; data: unknown } } };
    expect(body.error.json.message).toBe("Some fields need attention");
    expect(body.error.json.data).toMatchObject({
      code: "BAD_REQUEST",
      zodError: {
        fieldErrors: {
          name: ["nameRequired"],
          email: ["emailInvalid"],
          password: ["passwordTooShort"],
        },
      },
    });
    expect(body.error.json.data).not.toHaveProperty("stack");
  });

  it("refuses further sign-ups from an address after 30 attempts, while other addresses still sign up", async () => {
    const ip = uniqueIp();
    const email = uniqueEmail("flood");
    await callerFor(null, ip).account.signUp({ name: "Flood", email, password: PASSWORD });
    // Attempts that fail still spend the address's budget.
    for (let attempt = 2; attempt <= 30; attempt += 1) {
      await expectTRPCError(
        callerFor(null, ip).account.signUp({ name: "Flood", email, password: PASSWORD }),
        "CONFLICT",
      );
    }

    const fresh = uniqueEmail("fresh");
    await expectTRPCError(
      callerFor(null, ip).account.signUp({ name: "Fresh", email: fresh, password: PASSWORD }),
      "TOO_MANY_REQUESTS",
    );
    expect(await storedUser(fresh)).toBeUndefined();

    const elsewhere = await callerFor(null, uniqueIp()).account.signUp({
      name: "Fresh",
      email: fresh,
      password: PASSWORD,
    });
    expect(elsewhere.email).toBe(fresh);
  });
});

describe("account.me", () => {
  it("returns the signed-in user and refuses a signed-out caller", async () => {
    const email = uniqueEmail("me");
    const created = await callerFor(null).account.signUp({ name: "Me", email, password: PASSWORD });
    const user = { id: created.id, email: created.email, name: "Me" };

    expect(await callerFor(user).account.me()).toEqual(user);
    await expectTRPCError(callerFor(null).account.me(), "UNAUTHORIZED");
  });
});
