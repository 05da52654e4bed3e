import { expect, type Locator, type Page } from "@playwright/test";

/** The workspace sidebar (a navigation landmark named "Workspace" in English). */
export function sidebar(page: Page, name = "Workspace"): Locator {
  return page.getByRole("navigation", { name, exact: true });
}

/** Goes to Settings through the sidebar, then to one of its tabs. */
export async function openSettingsTab(page: Page, tab: string) {
  await sidebar(page).getByRole("link", { name: "Settings", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Settings sections" })
    .getByRole("link", { name: tab, exact: true })
    .click();
  await expect(
    page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: tab, exact: true }),
  ).toHaveAttribute("aria-current", "page");
}

/** Waits for the members table to have loaded (TanStack Query), so actions do not race the first fetch. */
export async function membersTable(page: Page): Promise<Locator> {
  const table = page.getByTestId("members-table");
  await expect(table).toBeVisible();
  return table;
}

/** A toast (sonner) with this text. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.locator("[data-sonner-toast]").filter({ hasText: text });
}
