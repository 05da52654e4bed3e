import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { invitations, memberships } from "@/db/schema";
import { env } from "@/server/env";
import {
  addMember,
  appErrorCode,
  appErrorDetails,
  auditEntries,
  callerFor,
  createUser,
  createWorkspaceFixture,
  expectTRPCError,
  openTestDatabase,
  roleOf,
  uniqueEmail,
  type WorkspaceFixture,
} from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

function tokenOf(link: string): string {
  const match = /\/invite\/([^/?#]+)$/.exec(link);
  if (!match?.[1]) throw new Error(`not an invitation link: ${link}`);
  return match[1];
}

async function invite(
  fixture: WorkspaceFixture,
  email: string,
  role: "admin" | "editor" | "viewer" = "editor",
) {
  const created = await fixture.ownerCaller.invitation.create({
    workspaceSlug: fixture.workspace.slug,
    email,
    role,
  });
  return { ...created, token: tokenOf(created.link) };
}

async function storedInvitation(id: string) {
  const db = await getDb();
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
  return row;
}

describe("invitation.create", () => {
  it("returns an accept link under APP_URL whose token is stored only as its sha256", async () => {
    const fixture = await createWorkspaceFixture("link");
    const email = uniqueEmail("link");

    const created = await fixture.ownerCaller.invitation.create({
      workspaceSlug: fixture.workspace.slug,
      email,
      role: "viewer",
    });

    expect(created.link.startsWith(`${env().APP_URL.replace(/\/$/, "")}/invite/`)).toBe(true);
    const token = tokenOf(created.link);
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(created).toMatchObject({ email, role: "viewer", mailed: false });

    const row = await storedInvitation(created.id);
    expect(row?.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it("records member.invite and lists the invitation as pending for admins", async () => {
    const fixture = await createWorkspaceFixture("listed");
    const email = uniqueEmail("listed");

    const created = await invite(fixture, email, "viewer");

    expect(await auditEntries(fixture.workspace, "member.invite")).toMatchObject([
      { actorId: fixture.owner.id, targetId: created.id, meta: { email, role: "viewer" } },
    ]);
    expect(
      await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug }),
    ).toMatchObject([{ id: created.id, email, role: "viewer", expired: false }]);
  });

  it("answers CONFLICT alreadyMember when the email belongs to a member", async () => {
    const fixture = await createWorkspaceFixture("member");
    const editor = await addMember(fixture.workspace, "editor");

    const error = await expectTRPCError(
      fixture.ownerCaller.invitation.create({
        workspaceSlug: fixture.workspace.slug,
        email: editor.user.email.toUpperCase(),
        role: "admin",
      }),
      "CONFLICT",
    );

    expect(appErrorDetails(error)).toEqual({ fields: { email: ["alreadyMember"] } });
    expect(await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug })).toEqual([]);
  });

  it("replaces a pending invitation when the same email is invited again, so the old link stops working", async () => {
    const fixture = await createWorkspaceFixture("reinvite");
    const email = uniqueEmail("reinvite");
    const first = await invite(fixture, email, "viewer");
    const second = await invite(fixture, email, "editor");
    const invitee = callerFor(await createUser("reinvite", email));

    const stale = await expectTRPCError(invitee.invitation.accept({ token: first.token }), "NOT_FOUND");
    expect(appErrorDetails(stale)).toEqual({ reason: "revoked" });
    expect(
      await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug }),
    ).toMatchObject([{ id: second.id, role: "editor" }]);

    await invitee.invitation.accept({ token: second.token });
    expect(await invitee.workspace.current({ workspaceSlug: fixture.workspace.slug })).toMatchObject({
      role: "editor",
    });
  });

  it("refuses an admin inviting someone as owner, but lets an owner do it", async () => {
    const fixture = await createWorkspaceFixture("owner-invite");
    const admin = await addMember(fixture.workspace, "admin");
    const email = uniqueEmail("future-owner");

    await expectTRPCError(
      admin.caller.invitation.create({ workspaceSlug: fixture.workspace.slug, email, role: "owner" }),
      "FORBIDDEN",
    );
    expect(await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug })).toEqual([]);

    const created = await fixture.ownerCaller.invitation.create({
      workspaceSlug: fixture.workspace.slug,
      email,
      role: "owner",
    });
    const invitee = await createUser("future-owner", email);
    await callerFor(invitee).invitation.accept({ token: tokenOf(created.link) });
    expect(await roleOf(fixture.workspace, invitee)).toBe("owner");
  });

  it("lets an admin invite admins, editors and viewers", async () => {
    const fixture = await createWorkspaceFixture("admin-invite");
    const admin = await addMember(fixture.workspace, "admin");

    for (const role of ["admin", "editor", "viewer"] as const) {
      const created = await admin.caller.invitation.create({
        workspaceSlug: fixture.workspace.slug,
        email: uniqueEmail(role),
        role,
      });
      expect(created.role).toBe(role);
    }
  });
});

describe("invitation.preview", () => {
  it("shows whoever holds the link the workspace name, email, role and a pending status", async () => {
    const fixture = await createWorkspaceFixture("preview");
    const email = uniqueEmail("preview");
    const created = await invite(fixture, email, "editor");

    const preview = await callerFor(null).invitation.preview({ token: created.token });

    expect(preview).toEqual({
      workspaceName: fixture.workspace.name,
      email,
      role: "editor",
      status: "pending",
      expiresAt: created.expiresAt,
    });
  });

  it("answers NOT_FOUND for a token that was never issued", async () => {
    await expectTRPCError(
      callerFor(null).invitation.preview({ token: crypto.randomBytes(32).toString("base64url") }),
      "NOT_FOUND",
    );
  });
});

describe("invitation.accept", () => {
  it("joins a user whose email matches in any case with the invited role, and records member.join", async () => {
    const fixture = await createWorkspaceFixture("accept");
    const local = `Invitee.${crypto.randomUUID()}`;
    const created = await invite(fixture, `${local}@Example.COM`, "editor");
    const invitee = await createUser("invitee", `${local.toUpperCase()}@example.com`);

    const joined = await callerFor(invitee).invitation.accept({ token: created.token });

    expect(joined).toEqual(fixture.workspace);
    expect(await roleOf(fixture.workspace, invitee)).toBe("editor");
    expect(await callerFor(invitee).workspace.mine()).toEqual([{ ...fixture.workspace, role: "editor" }]);
    expect(await auditEntries(fixture.workspace, "member.join")).toMatchObject([
      { actorId: invitee.id, targetId: invitee.id, meta: { role: "editor", via: "invitation" } },
    ]);
    expect(await callerFor(null).invitation.preview({ token: created.token })).toMatchObject({
      status: "accepted",
    });
  });

  it("refuses a user signed in with another email with FORBIDDEN and adds no membership", async () => {
    const fixture = await createWorkspaceFixture("other-email");
    const created = await invite(fixture, uniqueEmail("intended"));
    const interloper = await createUser("interloper");

    const error = await expectTRPCError(
      callerFor(interloper).invitation.accept({ token: created.token }),
      "FORBIDDEN",
    );

    expect(appErrorDetails(error)).toEqual({ reason: "otherEmail" });
    expect(await roleOf(fixture.workspace, interloper)).toBeNull();
    expect(await callerFor(null).invitation.preview({ token: created.token })).toMatchObject({
      status: "pending",
    });
  });

  it("answers a second accept with GONE, sent as NOT_FOUND, and keeps the first role", async () => {
    const fixture = await createWorkspaceFixture("twice");
    const email = uniqueEmail("twice");
    const created = await invite(fixture, email, "viewer");
    const invitee = await createUser("twice", email);
    await callerFor(invitee).invitation.accept({ token: created.token });

    const error = await expectTRPCError(
      callerFor(invitee).invitation.accept({ token: created.token }),
      "NOT_FOUND",
    );

    expect(appErrorCode(error)).toBe("GONE");
    expect(appErrorDetails(error)).toEqual({ reason: "accepted" });
    const db = await getDb();
    const rows = await db.select().from(memberships).where(eq(memberships.userId, invitee.id));
    expect(rows).toMatchObject([{ workspaceId: fixture.workspace.id, role: "viewer" }]);
    expect(await auditEntries(fixture.workspace, "member.join")).toHaveLength(1);
  });

  it("cannot accept a revoked invitation, and the preview says revoked", async () => {
    const fixture = await createWorkspaceFixture("revoked");
    const email = uniqueEmail("revoked");
    const created = await invite(fixture, email);
    await fixture.ownerCaller.invitation.revoke({
      workspaceSlug: fixture.workspace.slug,
      invitationId: created.id,
    });
    const invitee = await createUser("revoked", email);

    const error = await expectTRPCError(
      callerFor(invitee).invitation.accept({ token: created.token }),
      "NOT_FOUND",
    );

    expect(appErrorCode(error)).toBe("GONE");
    expect(appErrorDetails(error)).toEqual({ reason: "revoked" });
    expect(await roleOf(fixture.workspace, invitee)).toBeNull();
    expect(await callerFor(null).invitation.preview({ token: created.token })).toMatchObject({
      status: "revoked",
    });
    expect(await auditEntries(fixture.workspace, "member.invite_revoke")).toMatchObject([
      { actorId: fixture.owner.id, targetId: created.id, meta: { email } },
    ]);
    expect(await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug })).toEqual([]);
  });

  it("cannot accept an expired invitation, and the preview says expired", async () => {
    const fixture = await createWorkspaceFixture("expired");
    const email = uniqueEmail("expired");
    const created = await invite(fixture, email);
    const db = await getDb();
    await db
      .update(invitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(invitations.id, created.id));
    const invitee = await createUser("expired", email);

    const error = await expectTRPCError(
      callerFor(invitee).invitation.accept({ token: created.token }),
      "NOT_FOUND",
    );

    expect(appErrorDetails(error)).toEqual({ reason: "expired" });
    expect(await roleOf(fixture.workspace, invitee)).toBeNull();
    expect(await callerFor(null).invitation.preview({ token: created.token })).toMatchObject({
      status: "expired",
    });
    expect(
      await fixture.ownerCaller.invitation.list({ workspaceSlug: fixture.workspace.slug }),
    ).toMatchObject([{ id: created.id, expired: true }]);
  });
});

describe("invitation.revoke", () => {
  it("answers NOT_FOUND for an invitation that is no longer pending", async () => {
    const fixture = await createWorkspaceFixture("revoke-twice");
    const created = await invite(fixture, uniqueEmail("revoke-twice"));
    await fixture.ownerCaller.invitation.revoke({
      workspaceSlug: fixture.workspace.slug,
      invitationId: created.id,
    });

    await expectTRPCError(
      fixture.ownerCaller.invitation.revoke({
        workspaceSlug: fixture.workspace.slug,
        invitationId: created.id,
      }),
      "NOT_FOUND",
    );
    expect(await auditEntries(fixture.workspace, "member.invite_revoke")).toHaveLength(1);
  });
});
