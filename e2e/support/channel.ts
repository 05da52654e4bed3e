import { expect, type Locator, type Page } from "@playwright/test";

/** The sandbox's test recipient, as a person would type it and as Raqi stores it (E.164). */
export const TEST_RECIPIENT = "+1 650 555 0100";
export const TEST_RECIPIENT_E164 = "+16505550100";

/** On Settings → WhatsApp (not connected): one click on the sandbox, and the connected view shows it. */
export async function connectSandbox(page: Page): Promise<void> {
  await page.getByTestId("connect-sandbox").click();
  await expect(page.getByTestId("connection-details")).toBeVisible();
  await expect(page.getByTestId("connection-kind")).toHaveText("Sandbox");
  await expect(page.getByTestId("connection-status")).toHaveText("Active");
}

/**
 * Opens "Send a test template" from the page's button, fills the number, picks the English version of a
 * template and fills its values by their labels ("Body {{1}}" …), leaving the dialog open for the caller
 * to submit and check.
 */
export async function fillTestSend(
  page: Page,
  { to, template, values }: { to: string; template: string; values: Record<string, string> },
): Promise<Locator> {
  await page.getByTestId("send-test-button").first().click();
  const dialog = page.getByTestId("send-test-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Phone number").fill(to);
  const picker = dialog.getByLabel("Template", { exact: true });
  const option = picker
    .locator("option")
    .filter({ hasText: template })
    .filter({ hasText: "English" })
    .first();
  await expect(option).toHaveCount(1);
  await picker.selectOption((await option.getAttribute("value")) ?? "");
  for (const [label, value] of Object.entries(values)) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  return dialog;
}

/** The messages log's rows that concern this phone number (E.164), newest first. */
export function messageRows(page: Page, phone: string): Locator {
  return page
    .getByTestId("messages-table")
    .locator('tbody > tr[data-testid^="message-row-"]')
    .filter({ has: page.getByTestId("message-contact").filter({ hasText: phone }) });
}
