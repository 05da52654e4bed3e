import { expect, type Page } from "@playwright/test";
import { submitSignUpForm, type TestUser } from "./accounts";
import { membersTable, openSettingsTab, toast } from "./shell";

/**
 * The owner, on any workspace page, invites someone from Settings → Members and returns the invite link
 * shown for sharing (no mail is sent in tests).
 */
export async function inviteTeammate(
  ownerPage: Page,
  email: string,
  role: "Viewer" | "Editor" | "Admin",
): Promise<string> {
  await openSettingsTab(ownerPage, "Members");
  await membersTable(ownerPage);
  const form = ownerPage.getByRole("form", { name: "Invite a teammate" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption({ label: role });
  await form.getByRole("button", { name: "Send invitation" }).click();
  await expect(toast(ownerPage, `Invitation created for ${email}`)).toBeVisible();
  const link = ownerPage.getByTestId("invite-link");
  await expect(link).toContainText("/invite/");
  return (await link.textContent()) ?? "";
}

/**
 * The invitee opens the link in their own browser, creates their account with the prefilled email and
 * accepts; they land on the workspace's Flows page.
 */
export async function acceptBySigningUp(page: Page, inviteLink: string, user: TestUser, slug: string) {
  await page.goto(inviteLink);
  await page.getByRole("link", { name: "Create an account to accept" }).click();
  await expect(page).toHaveURL(/\/sign-up\?/);
  await submitSignUpForm(page, user, { emailPrefilled: true });
  await expect(page).toHaveURL(new URL(inviteLink).pathname);
  await page.getByRole("button", { name: "Accept invitation" }).click();
  await expect(page).toHaveURL(`/w/${slug}/flows`);
}
