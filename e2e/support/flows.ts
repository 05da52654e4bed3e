import fs from "node:fs/promises";
import { expect, type Download, type Locator, type Page } from "@playwright/test";

/** The flows list's status tabs (FLOW_LIST_STATUSES). */
export type FlowTab = "active" | "draft" | "published" | "archived";

/** What New flow can start from (FLOW_STARTERS). */
export type Starter = "blank" | "order-shipped" | "appointment-reminder" | "marketing-broadcast";

/**
 * Waits until the flows list has answered its query (TanStack Query): the table, the first-time page or an
 * empty tab is shown, and no previous page is standing in for the next one (aria-busy). Acting before that
 * races the first fetch.
 */
export async function flowListLoaded(page: Page): Promise<void> {
  await expect(page.getByText("Loading flows…")).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** The row of the flow with this exact name in the flows table. */
export function flowRow(page: Page, name: string): Locator {
  return page
    .getByTestId("flows-table")
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name, exact: true }) });
}

/** Every flow row shown on the current page of the list. */
export function flowRows(page: Page): Locator {
  return page.getByTestId("flows-table").locator('tbody > tr[data-testid^="flow-row-"]');
}

/** Opens the "…" menu of a flow's row and clicks one of its items. */
export async function chooseFromRowMenu(page: Page, flowName: string, item: string): Promise<void> {
  await page.getByRole("button", { name: `Actions for ${flowName}`, exact: true }).click();
  await page.getByRole("menuitem", { name: item, exact: true }).click();
}

export async function openFlowsTab(page: Page, tab: FlowTab): Promise<void> {
  await page.getByTestId(`flows-tab-${tab}`).click();
  await expect(page.getByTestId(`flows-tab-${tab}`)).toHaveAttribute("data-state", "active");
  await flowListLoaded(page);
}

/**
 * On the flows list: New flow → name → starter → "Create and open". Waits for the builder's canvas and
 * returns the new flow's id (from the builder's address).
 */
export async function createFlowFromList(page: Page, name: string, starter: Starter): Promise<string> {
  await flowListLoaded(page);
  await page.getByTestId("new-flow-button").click();
  const dialog = page.getByTestId("new-flow-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Name", { exact: true }).fill(name);
  await dialog.getByTestId(`starter-option-${starter}`).check();
  await dialog.getByTestId("new-flow-submit").click();
  await expect(page).toHaveURL(/\/flows\/[^/?#]+$/);
  await expect(page.getByTestId("builder-canvas")).toHaveAttribute("data-canvas-ready", "true");
  const id = new URL(page.url()).pathname.split("/").pop();
  if (!id) throw new Error(`no flow id in ${page.url()}`);
  return id;
}

/** The text of a file the page downloaded (an exported flow). */
export async function downloadedText(download: Download): Promise<string> {
  return fs.readFile(await download.path(), "utf8");
}

/** An exported flow file, as far as these tests read it. */
export interface ExportedFlowFile {
  format: string;
  formatVersion: number;
  name: string;
  document: { version: number; nodes: { id: string; type: string }[]; edges: unknown[] };
}

/** Runs `action`, which must make the page save a flow file, and returns the file's name and content. */
export async function captureFlowExport(
  page: Page,
  action: () => Promise<void>,
): Promise<{ fileName: string; text: string; file: ExportedFlowFile }> {
  const downloading = page.waitForEvent("download");
  await action();
  const download = await downloading;
  const text = await downloadedText(download);
  return { fileName: download.suggestedFilename(), text, file: JSON.parse(text) as ExportedFlowFile };
}

/**
 * Opens Import on the flows list and chooses a file with this content (through the hidden file input, as
 * the file picker would). The dialog is left open, with the file read.
 */
export async function chooseImportFile(page: Page, fileName: string, text: string): Promise<Locator> {
  await page.getByTestId("import-button").click();
  const dialog = page.getByTestId("import-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("import-file-input").setInputFiles({
    name: fileName,
    mimeType: "application/json",
    buffer: Buffer.from(text, "utf8"),
  });
  await expect(dialog.getByTestId("import-file-name")).toHaveText(fileName);
  return dialog;
}
