import { expect, test, type Page } from "@playwright/test";
import { newTestUser, signUpWithWorkspace, submitSignIn } from "../support/accounts";
import { sidebar } from "../support/shell";
import { trpcMutation } from "../support/trpc";

const WRONG_PASSWORD = "Not-the-password-99";

/** The sign-in form's own message (the page has other live regions, e.g. Next's route announcer). */
function formAlert(page: Page) {
  return page.getByRole("form", { name: "Sign in" }).getByRole("alert");
}

test("a user signs out from the user menu and signs back in to their workspace", async ({ page }) => {
  const { user, slug, workspaceName } = await signUpWithWorkspace(page);

  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menu")).toContainText(user.email);
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await page.goto(`/w/${slug}/flows`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(`/w/${slug}/flows`);
  await expect(sidebar(page).getByTestId("workspace-switcher")).toContainText(workspaceName);
});

test("a wrong password is refused with a message that does not say which part was wrong", async ({
  page,
}) => {
  const { user, slug } = await signUpWithWorkspace(page);
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await submitSignIn(page, user.email, WRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText("That email and password do not match an account.");
  await expect(page).toHaveURL(/\/sign-in$/);

  await submitSignIn(page, `nobody-${user.email}`, WRONG_PASSWORD);
  await expect(formAlert(page)).toHaveText("That email and password do not match an account.");

  await submitSignIn(page, user.email, user.password);
  await expect(page).toHaveURL(`/w/${slug}/flows`);
});

test("after five wrong passwords for an email even the right password is refused for a while", async ({
  page,
  request,
}) => {
  const user = newTestUser("locked");
  expect((await trpcMutation(request, "account.signUp", user)).status).toBe(200);
  await page.goto("/sign-in");

  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitSignIn(page, user.email, `${WRONG_PASSWORD}${attempt}`);
    await expect(formAlert(page)).toHaveText("That email and password do not match an account.");
  }

  await submitSignIn(page, user.email, user.password);
  await expect(formAlert(page)).toHaveText("Too many failed attempts. Wait 15 minutes and try again.");
  await expect(page).toHaveURL(/\/sign-in$/);
});
