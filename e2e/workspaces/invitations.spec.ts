import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import {
  newPerson,
  newTestUser,
  signUpWithWorkspace,
  submitSignUpForm,
  uniqueSuffix,
  type Owner,
  type TestUser,
} from "../support/accounts";
import { membersTable, openSettingsTab, toast } from "../support/shell";
import { trpcMutation } from "../support/trpc";

// One story told in order: an owner invites a teammate as viewer, the teammate joins from their own
// browser, the server holds the viewer to their role, then the owner promotes them and reads the audit log.
test.describe.configure({ mode: "serial" });

let ownerContext: BrowserContext;
let ownerPage: Page;
let viewerContext: BrowserContext;
let viewerPage: Page;
let owner: Owner;
let viewer: TestUser;
let inviteLink: string;

test.beforeAll(async ({ browser }) => {
  ({ context: ownerContext, page: ownerPage } = await newPerson(browser));
  ({ context: viewerContext, page: viewerPage } = await newPerson(browser));
  viewer = newTestUser("viewer");
});

test.afterAll(async () => {
  await ownerContext?.close();
  await viewerContext?.close();
});

test("an owner invites a teammate as viewer from Settings → Members and gets the invite link", async () => {
  owner = await signUpWithWorkspace(ownerPage);
  await openSettingsTab(ownerPage, "Members");
  await membersTable(ownerPage);

  const form = ownerPage.getByRole("form", { name: "Invite a teammate" });
  await form.getByLabel("Email").fill(viewer.email);
  await form.getByLabel("Role").selectOption({ label: "Viewer" });
  await form.getByRole("button", { name: "Send invitation" }).click();

  await expect(toast(ownerPage, `Invitation created for ${viewer.email}`)).toBeVisible();
  await expect(ownerPage.getByText(`share this link with ${viewer.email} yourself`)).toBeVisible();
  const link = ownerPage.getByTestId("invite-link");
  await expect(link).toContainText("/invite/");
  inviteLink = (await link.textContent()) ?? "";
  const pending = ownerPage.getByTestId("pending-invitations");
  await expect(pending).toContainText(viewer.email);
  await expect(pending).toContainText("Viewer");
});

test("the invitee opens the link in their own browser, signs up with the prefilled email and joins", async () => {
  await viewerPage.goto(inviteLink);
  await expect(
    viewerPage.getByRole("heading", { name: `Join ${owner.workspaceName} on Raqi` }),
  ).toBeVisible();
  await expect(viewerPage.getByText(`This invitation is for ${viewer.email}, as Viewer.`)).toBeVisible();

  await viewerPage.getByRole("link", { name: "Create an account to accept" }).click();
  await expect(viewerPage).toHaveURL(/\/sign-up\?/);
  await submitSignUpForm(viewerPage, viewer, { emailPrefilled: true });

  await expect(viewerPage).toHaveURL(new URL(inviteLink).pathname);
  await viewerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewerPage).toHaveURL(`/w/${owner.slug}/flows`);
  await expect(toast(viewerPage, `You joined ${owner.workspaceName}`)).toBeVisible();
  await expect(viewerPage.getByTestId("workspace-switcher")).toContainText(owner.workspaceName);
  await expect(viewerPage.getByTestId("workspace-switcher")).toContainText("Viewer");
});

test("Members lists the owner and the viewer with their roles", async () => {
  await ownerPage.reload();
  const ownerView = await membersTable(ownerPage);
  await expect(ownerView.getByTestId(`member-${owner.user.email}`)).toContainText("Owner");
  await expect(ownerView.getByTestId(`member-${owner.user.email}`)).toContainText("you");
  await expect(ownerView.getByRole("combobox", { name: `Role of ${viewer.name}` })).toHaveValue("viewer");
  await expect(ownerPage.getByText("No pending invitations.")).toBeVisible();

  await openSettingsTab(viewerPage, "Members");
  const viewerView = await membersTable(viewerPage);
  await expect(viewerView.getByTestId(`member-${owner.user.email}`).getByTestId("member-role")).toHaveText(
    "Owner",
  );
  await expect(viewerView.getByTestId(`member-${viewer.email}`).getByTestId("member-role")).toHaveText(
    "Viewer",
  );
});

test("a viewer sees no invite form, no role controls and no audit log", async () => {
  await expect(viewerPage.getByTestId("members-readonly")).toHaveText(
    "Only admins and owners can invite people or change roles.",
  );
  await expect(viewerPage.getByRole("form", { name: "Invite a teammate" })).toHaveCount(0);
  await expect(viewerPage.getByTestId("members-table").getByRole("combobox")).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: "Remove" })).toHaveCount(0);

  await openSettingsTab(viewerPage, "Audit log");
  await expect(viewerPage.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(viewerPage.getByTestId("audit-table")).toHaveCount(0);
});

test("the server refuses a viewer's direct invitation call with 403 FORBIDDEN", async () => {
  const answer = await trpcMutation(viewerPage.request, "invitation.create", {
    workspaceSlug: owner.slug,
    email: "x@example.com",
    role: "viewer",
  });
  expect(answer.status).toBe(403);
  expect(answer.errorCode).toBe("FORBIDDEN");

  // and nothing was created: the owner still has no pending invitation
  await ownerPage.reload();
  await membersTable(ownerPage);
  await expect(ownerPage.getByText("No pending invitations.")).toBeVisible();
});

test("a workspace the viewer does not belong to answers 404, indistinguishable from one that does not exist", async () => {
  const suffix = uniqueSuffix();
  const hidden = { name: `Private Ledger ${suffix}`, slug: `private-ledger-${suffix}` };
  expect((await trpcMutation(ownerPage.request, "workspace.create", hidden)).status).toBe(200);

  const invite = { email: "x@example.com", role: "viewer" };
  const other = await trpcMutation(viewerPage.request, "invitation.create", {
    ...invite,
    workspaceSlug: hidden.slug,
  });
  expect(other.status).toBe(404);
  expect(other.errorCode).toBe("NOT_FOUND");
  expect(other.text).not.toContain(hidden.name);

  const missing = await trpcMutation(viewerPage.request, "invitation.create", {
    ...invite,
    workspaceSlug: `no-such-place-${suffix}`,
  });
  expect(missing.status).toBe(404);
  expect(missing.errorCode).toBe("NOT_FOUND");
  expect(missing.text).toBe(other.text);

  await viewerPage.goto(`/w/${hidden.slug}/flows`);
  await expect(viewerPage.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(viewerPage.getByText(hidden.name)).toHaveCount(0);
});

test("the owner promotes the viewer to editor and the audit log records the invitation, the join and the change", async () => {
  await ownerPage.goto(`/w/${owner.slug}/settings/members`);
  const table = await membersTable(ownerPage);
  const role = table.getByRole("combobox", { name: `Role of ${viewer.name}` });
  await role.selectOption({ label: "Editor" });
  await expect(toast(ownerPage, "Role changed")).toBeVisible();
  await expect(role).toHaveValue("editor");

  await viewerPage.goto(`/w/${owner.slug}/settings/members`);
  await expect(
    (await membersTable(viewerPage)).getByTestId(`member-${viewer.email}`).getByTestId("member-role"),
  ).toHaveText("Editor");

  await openSettingsTab(ownerPage, "Audit log");
  const audit = ownerPage.getByTestId("audit-table");
  await expect(audit).toBeVisible();
  for (const action of ["Created the workspace", "Invited a member", "Joined", "Changed a role"]) {
    await expect(audit.getByRole("cell", { name: action, exact: true })).toHaveCount(1);
  }
  const roleChange = audit.getByRole("row").filter({ hasText: "Changed a role" });
  await expect(roleChange).toContainText(owner.user.name);
  for (const detail of [viewer.email, "Viewer → Editor"]) {
    await expect(roleChange).toContainText(detail);
  }
  const rows = audit.getByRole("row"); // the header row, then one row per entry
  // members' account activity is listed too: both people signed in when they signed up
  await expect(audit.getByRole("cell", { name: "Signed in", exact: true })).toHaveCount(2);
  await expect(rows).toHaveCount(7);

  await ownerPage.getByTestId("audit-action-filter").selectOption({ label: "Changed a role" });
  await expect(rows).toHaveCount(2);
  await expect(audit.getByRole("cell", { name: "Changed a role", exact: true })).toBeVisible();
  await expect(ownerPage.getByText("Page 1 of 1 · 1 entry")).toBeVisible();

  await ownerPage.getByTestId("audit-action-filter").selectOption({ label: "Joined" });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Joined" })).toContainText(viewer.name);
  await expect(audit.getByRole("cell", { name: "Invited a member", exact: true })).toHaveCount(0);
});
