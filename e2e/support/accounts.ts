import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** Someone who signs up during a test. Every test makes its own, so tests never share an account. */
export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** Passes the shared password rules: 10+ characters, a letter and a digit, not the email's local part. */
export const TEST_PASSWORD = "Tamarind-tea-2048";

let sequence = 0;

/** A short lowercase token unique within the run (and, with the timestamp, across runs on a reused server). */
export function uniqueSuffix(): string {
  sequence += 1;
  return `${Date.now().toString(36)}${sequence.toString(36)}${Math.random().toString(36).slice(2, 5)}`;
}

export function newTestUser(label: string): TestUser {
  const suffix = uniqueSuffix();
  return {
    name: `${label[0]?.toUpperCase() ?? ""}${label.slice(1)} ${suffix}`,
    email: `${label}-${suffix}@example.com`,
    password: TEST_PASSWORD,
  };
}

/**
 * Fills the sign-up form the page is on and submits it. When the email was prefilled (an invitation),
 * checks that it is the expected one instead of typing it.
 */
export async function submitSignUpForm(page: Page, user: TestUser, { emailPrefilled = false } = {}) {
  await page.getByLabel("Your name").fill(user.name);
  const email = page.getByLabel("Email");
  if (emailPrefilled) await expect(email).toHaveValue(user.email);
  else await email.fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

/** Signs a new user up through the UI; they land on onboarding, signed in. */
export async function signUp(page: Page, label = "user"): Promise<TestUser> {
  const user = newTestUser(label);
  await page.goto("/sign-up");
  await submitSignUpForm(page, user);
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole("heading", { name: "Create your workspace" })).toBeVisible();
  return user;
}

/**
 * On onboarding: names a workspace, checks the slug suggested from the name, creates it and waits for
 * its first page. Returns the slug.
 */
export async function createWorkspace(page: Page, name: string, expectedSlug: string): Promise<string> {
  await page.getByLabel("Workspace name").fill(name);
  await expect(page.getByLabel("Address")).toHaveValue(expectedSlug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${expectedSlug}/flows$`));
  return expectedSlug;
}

export interface Owner {
  user: TestUser;
  workspaceName: string;
  slug: string;
}

/** A fresh user who owns a fresh workspace, signed in on `page`, which ends on the workspace's Flows page. */
export async function signUpWithWorkspace(page: Page, label = "owner"): Promise<Owner> {
  const user = await signUp(page, label);
  const suffix = uniqueSuffix();
  const workspaceName = `Acme Store ${suffix}`;
  const slug = await createWorkspace(page, workspaceName, `acme-store-${suffix}`);
  return { user, workspaceName, slug };
}

/** Fills and submits the sign-in form, resolving once the server has answered the credentials. */
export async function submitSignIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  const answered = page.waitForResponse((r) => r.url().includes("/api/auth/callback/credentials"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await answered;
}

/** A second person with a browser of their own: separate cookies, same server. */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page };
}
