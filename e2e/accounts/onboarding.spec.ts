import { expect, test } from "@playwright/test";
import { createWorkspace, signUp, uniqueSuffix } from "../support/accounts";
import { openSettingsTab, sidebar } from "../support/shell";

/** Every sidebar page, in order, with what its empty state tells the user will live there. */
const SIDEBAR_PAGES = [
  {
    label: "Flows",
    path: "flows",
    empty: "Automate your WhatsApp conversations",
    explains: "You draw it on a canvas, no code needed.",
  },
  {
    label: "Templates",
    path: "templates",
    empty: "No message templates yet",
    explains: "Create WhatsApp message templates",
  },
  { label: "Contacts", path: "contacts", empty: "No contacts yet", explains: "Everyone your flows message" },
  {
    label: "Messages",
    path: "messages",
    empty: "No messages yet",
    explains: "Every message sent and received",
  },
  { label: "Runs", path: "runs", empty: "No runs yet", explains: "its run is listed here" },
  {
    label: "Analytics",
    path: "analytics",
    empty: "Nothing to measure yet",
    explains: "Delivery funnels, reply rates",
  },
  {
    label: "Privacy requests",
    path: "privacy-requests",
    empty: "No privacy requests",
    explains: "arrive here from the public privacy form",
  },
] as const;

/** Settings tabs whose feature is still to come: each says so with an empty state. */
const PLANNED_SETTINGS = [
  { tab: "API keys", empty: "No API keys" },
  { tab: "Retention", empty: "Retention is not configured yet" },
] as const;

test("a new user signs up, creates a workspace with a suggested address and lands on its empty Flows page", async ({
  page,
}) => {
  const user = await signUp(page, "founder");
  await expect(page.getByText(`Hi ${user.name}.`)).toBeVisible();

  const suffix = uniqueSuffix();
  const slug = await createWorkspace(page, `Sunrise Bakery ${suffix}`, `sunrise-bakery-${suffix}`);

  await expect(page).toHaveURL(`/w/${slug}/flows`);
  await expect(page.getByText(`Sunrise Bakery ${suffix} is ready`)).toBeVisible();
  const nav = sidebar(page);
  await expect(nav.getByRole("link")).toHaveText([
    ...SIDEBAR_PAGES.map((p) => p.label),
    "Developers",
    "Settings",
  ]);
  await expect(nav.getByTestId("workspace-switcher")).toContainText(`Sunrise Bakery ${suffix}`);
  await expect(nav.getByTestId("workspace-switcher")).toContainText("Owner");
  await expect(nav.getByRole("link", { name: "Flows" })).toHaveAttribute("aria-current", "page");
  await expect(
    page.getByRole("heading", { level: 2, name: "Automate your WhatsApp conversations" }),
  ).toBeVisible();
  await expect(page.getByText("You draw it on a canvas, no code needed.")).toBeVisible();
});

test("every sidebar page explains with an empty state what will live there", async ({ page }) => {
  await signUp(page, "explorer");
  const suffix = uniqueSuffix();
  const slug = await createWorkspace(page, `Explorer ${suffix}`, `explorer-${suffix}`);

  for (const { label, path, empty, explains } of SIDEBAR_PAGES) {
    await sidebar(page).getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(`/w/${slug}/${path}`);
    await expect(page.getByRole("heading", { level: 1, name: label })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: empty })).toBeVisible();
    await expect(page.getByText(explains)).toBeVisible();
  }

  for (const { tab, empty } of PLANNED_SETTINGS) {
    await openSettingsTab(page, tab);
    await expect(page.getByRole("heading", { level: 2, name: empty })).toBeVisible();
  }

  // the channel's settings are built: a new workspace is offered the ways to connect, and the default keywords
  await openSettingsTab(page, "WhatsApp");
  await expect(page.getByRole("heading", { level: 2, name: "Connect WhatsApp" })).toBeVisible();
  await openSettingsTab(page, "Opt-out");
  await expect(page.getByTestId("opt-out-customised")).toHaveText("Using the defaults");
});
