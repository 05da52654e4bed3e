import { expect, test } from "@playwright/test";
import { newTestUser, submitSignUpForm } from "../support/accounts";
import { trpcMutation } from "../support/trpc";

test("the sign-up form shows field errors from the shared rules before anything reaches the server", async ({
  page,
}) => {
  const signUpCalls: string[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/account.signUp")) signUpCalls.push(request.url());
  });
  await page.goto("/sign-up");
  const email = page.getByLabel("Email");
  const password = page.getByLabel("Password");

  await email.fill("not-an-email");
  await email.blur();
  await expect(page.getByText("Enter a valid email address, like name@example.com")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");

  await password.fill("short1");
  await password.blur();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(password).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);

  await password.fill("longenoughbutnodigit");
  await expect(page.getByText("Use at least one letter and one digit")).toBeVisible();
  await password.fill("Tamarind-tea-2048");
  await expect(page.getByText("Use at least one letter and one digit")).toBeHidden();
  await expect(password).toHaveAttribute("aria-invalid", "false");

  expect(signUpCalls).toEqual([]);
});

test("signing up with an email that already has an account says so on the email field", async ({
  page,
  request,
}) => {
  const existing = newTestUser("taken");
  const created = await trpcMutation(request, "account.signUp", existing);
  expect(created.status).toBe(200);

  await page.goto("/sign-up");
  await submitSignUpForm(page, { ...existing, name: "Someone Else" });

  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "false");
  await expect(page).toHaveURL(/\/sign-up$/);
});
