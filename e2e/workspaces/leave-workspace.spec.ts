import { expect, test } from "@playwright/test";
import { signUpWithWorkspace } from "../support/accounts";
import { membersTable, openSettingsTab, sidebar, toast } from "../support/shell";

test("the last owner cannot leave: an error says the workspace needs an owner and they stay in it", async ({
  page,
}) => {
  const { user, slug, workspaceName } = await signUpWithWorkspace(page);
  await openSettingsTab(page, "General");
  await expect(page).toHaveURL(`/w/${slug}/settings`);

  await page.getByRole("button", { name: "Leave workspace" }).click();
  const dialog = page.getByRole("alertdialog", { name: `Leave ${workspaceName}?` });
  await expect(dialog).toContainText("You will no longer see its flows, contacts or messages.");
  await dialog.getByRole("button", { name: "Leave workspace" }).click();

  await expect(toast(page, "A workspace needs at least one owner")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(`/w/${slug}/settings`);

  await page.reload();
  await expect(sidebar(page).getByTestId("workspace-switcher")).toContainText(workspaceName);
  await openSettingsTab(page, "Members");
  const table = await membersTable(page);
  await expect(table.getByTestId(`member-${user.email}`).getByTestId("member-role")).toHaveText("Owner");
});
