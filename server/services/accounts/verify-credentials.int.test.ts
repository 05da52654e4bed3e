import { and, eq, inArray, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import {
  TEST_PASSWORD,
  createUser,
  uniqueEmail,
  uniqueIp,
  openTestDatabase,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);
import { verifyCredentials } from "./verify-credentials";

const WRONG_PASSWORD = "not-the-password-1";

async function failTimes(times: number, email: string, ip: string): Promise<void> {
  for (let attempt = 0; attempt < times; attempt += 1) {
    const result = await verifyCredentials({ email, password: WRONG_PASSWORD }, ip);
    expect(result).toEqual({ ok: false, reason: "invalid" });
  }
}

/** Account-level sign-in audit entries (no workspace) about one email, oldest first. */
async function signInAudit(email: string) {
  const db = await getDb();
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        isNull(auditLog.workspaceId),
        eq(auditLog.actorLabel, email),
        inArray(auditLog.action, ["auth.sign_in_failed", "auth.sign_in_throttled"]),
      ),
    )
    .orderBy(auditLog.id);
}

describe("verifyCredentials", () => {
  it("accepts the right password and returns the user", async () => {
    const user = await createUser("right");

    const result = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, uniqueIp());

    expect(result).toEqual({ ok: true, user });
  });

  it("accepts the email typed in another case and with surrounding spaces", async () => {
    const user = await createUser("case");

    const result = await verifyCredentials(
      { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD },
      uniqueIp(),
    );

    expect(result).toEqual({ ok: true, user });
  });

  it("answers a wrong password and an unknown email with the same invalid result", async () => {
    const user = await createUser("wrong");
    const ip = uniqueIp();

    const wrongPassword = await verifyCredentials({ email: user.email, password: WRONG_PASSWORD }, ip);
    const unknownEmail = await verifyCredentials(
      { email: uniqueEmail("nobody"), password: TEST_PASSWORD },
      ip,
    );

    expect(wrongPassword).toEqual({ ok: false, reason: "invalid" });
    expect(unknownEmail).toEqual(wrongPassword);
  });

  it("answers malformed input as invalid without throwing", async () => {
    expect(await verifyCredentials({ email: "not-an-email" }, uniqueIp())).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials(undefined, uniqueIp())).toEqual({ ok: false, reason: "invalid" });
  });

  it("throttles the sixth attempt after five failures for one email, even with the right password", async () => {
    const user = await createUser("locked");
    const ip = uniqueIp();
    await failTimes(5, user.email, ip);

    const before = Date.now();
    const result = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip);

    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (result.ok || result.reason !== "throttled") throw new Error("expected a throttled result");
    expect(result.retryAt.getTime()).toBeGreaterThan(before + 10 * 60_000);
    expect(result.retryAt.getTime()).toBeLessThanOrEqual(before + 16 * 60_000);
  });

  it("keeps an email locked whichever address the next attempt comes from", async () => {
    const user = await createUser("roaming");
    await failTimes(5, user.email, uniqueIp());

    const result = await verifyCredentials(
      { email: user.email.toUpperCase(), password: TEST_PASSWORD },
      uniqueIp(),
    );

    expect(result).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("records failures as auth.sign_in_failed and locked-out attempts as auth.sign_in_throttled", async () => {
    const user = await createUser("audit");
    const ip = uniqueIp();
    await failTimes(5, user.email, ip);
    await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip);

    const entries = await signInAudit(user.email);

    expect(entries.map((e) => e.action)).toEqual([
      ...Array<string>(5).fill("auth.sign_in_failed"),
      "auth.sign_in_throttled",
    ]);
    expect(entries.slice(0, 5).map((e) => e.meta)).toEqual(
      [1, 2, 3, 4, 5].map((failures) => ({ ip, failures })),
    );
    expect(entries[0]?.actorId).toBe(user.id);
    expect(entries[5]?.meta).toEqual({ ip });
  });

  it("records a failure for an unknown email under that email, with no actor", async () => {
    const email = uniqueEmail("ghost");
    const ip = uniqueIp();

    await verifyCredentials({ email, password: WRONG_PASSWORD }, ip);

    expect(await signInAudit(email)).toMatchObject([
      { action: "auth.sign_in_failed", actorId: null, meta: { ip, failures: 1 } },
    ]);
  });

  it("clears the email's failure count on success, so four failures either side do not lock it", async () => {
    const user = await createUser("cleared");
    const ip = uniqueIp();

    await failTimes(4, user.email, ip);
    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({
      ok: true,
    });
    await failTimes(4, user.email, ip);

    expect(await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip)).toMatchObject({
      ok: true,
    });
  });

  it("locks a client address after 30 failures across different emails", async () => {
    const user = await createUser("bystander");
    const ip = uniqueIp();
    for (let attempt = 0; attempt < 30; attempt += 1) {
      await failTimes(1, uniqueEmail("spray"), ip);
    }

    const fromThatAddress = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, ip);
    const fromElsewhere = await verifyCredentials({ email: user.email, password: TEST_PASSWORD }, uniqueIp());

    expect(fromThatAddress).toMatchObject({ ok: false, reason: "throttled" });
    expect(fromElsewhere).toMatchObject({ ok: true });
  });
});
