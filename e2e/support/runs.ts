import { expect, type Locator, type Page } from "@playwright/test";
import { createFlowFromList } from "./flows";
import { sidebar, toast } from "./shell";

/** The "Order shipped" starter's event and the data its messages read (lib/flow/starters.ts). */
export const ORDER_SHIPPED_EVENT = "order.shipped";

/** In the builder: Publish → note → confirm, and wait for the version to be live. */
export async function publishFlow(page: Page, version = 1, note = "First version"): Promise<void> {
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();
  await page.getByTestId("toolbar-publish").click();
  const dialog = page.getByTestId("publish-dialog");
  await dialog.getByLabel("What changed?").fill(note);
  await dialog.getByTestId("publish-confirm").click();
  await expect(toast(page, `Version ${version} is live`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("flow-status")).toHaveText(`Published · v${version}`);
}

/**
 * From any workspace page: Flows → New flow from the "Order shipped" starter → publish it. Ends in the
 * builder; returns the flow's id.
 */
export async function publishOrderShippedFlow(page: Page, name: string): Promise<string> {
  await sidebar(page).getByRole("link", { name: "Flows", exact: true }).click();
  const flowId = await createFlowFromList(page, name, "order-shipped");
  await publishFlow(page);
  return flowId;
}

/** In the builder: switches to Runs mode (the canvas shows counts; the side panel lists the runs). */
export async function openRunsMode(page: Page): Promise<Locator> {
  const toggle = page.getByTestId("toolbar-runs");
  if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  const panel = page.getByTestId("runs-panel");
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * In Runs mode: "Run for contact" with this phone, name and event data; returns the outcome toast
 * (which links to the run).
 */
export async function runForContact(
  page: Page,
  { phone, name, data }: { phone: string; name?: string; data: Record<string, unknown> },
): Promise<Locator> {
  const panel = await openRunsMode(page);
  await panel.getByTestId("run-for-contact").click();
  const dialog = page.getByTestId("run-for-contact-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Phone number").fill(phone);
  if (name) await dialog.getByLabel("Name (optional)").fill(name);
  await dialog.getByLabel("Event data (JSON)").fill(JSON.stringify(data));
  await dialog.getByTestId("run-for-contact-submit").click();
  await expect(dialog).toHaveCount(0);
  return toast(page, /run/i).filter({ has: page.getByTestId("run-outcome") });
}

/** A node of the canvas by its id (the starters' ids are readable: `trigger`, `tracking-link` …). */
export function canvasNodeById(page: Page, nodeId: string): Locator {
  return page.getByTestId("builder-canvas").locator(`.react-flow__node[data-id="${nodeId}"]`);
}

/** The run detail's step of this node (its last visit). */
export function runStep(page: Page, nodeId: string): Locator {
  return page
    .getByTestId("run-step")
    .and(page.locator(`[data-node-id="${nodeId}"]`))
    .last();
}

/** Settings → API keys: creates a key with this name and returns the full key shown once in the dialog. */
export async function createApiKey(page: Page, name: string): Promise<{ key: string; dialog: Locator }> {
  await page.getByTestId("create-api-key").first().click();
  const dialog = page.getByTestId("create-api-key-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByTestId("create-api-key-submit").click();
  const field = dialog.getByTestId("new-api-key");
  await expect(field).toHaveValue(/^rqk_/);
  return { key: await field.inputValue(), dialog };
}
