import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import { builderReady, canvasEdges, canvasNode, expectNodeCount } from "../support/builder";
import {
  captureFlowExport,
  chooseFromRowMenu,
  chooseImportFile,
  createFlowFromList,
  flowListLoaded,
  flowRow,
  flowRows,
  openFlowsTab,
} from "../support/flows";
import { toast } from "../support/shell";
import { trpcMutation } from "../support/trpc";

// One editor's day on the flows list, in order: a flow from a starter, then search, rename, duplicate,
// archive, and a round trip through an exported file.
test.describe.configure({ mode: "serial" });

const SHIPPED = "Order shipped notice";
const BIRTHDAY = "Birthday greetings";
const COPY = `Copy of ${SHIPPED}`;

let context: BrowserContext;
let page: Page;
let owner: Owner;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

async function backToFlows() {
  await page.getByRole("link", { name: "Back to flows" }).click();
  await expect(page).toHaveURL(`/w/${owner.slug}/flows`);
  await flowListLoaded(page);
}

test("New flow from the “Order shipped” starter opens the builder on the starter's steps", async () => {
  owner = await signUpWithWorkspace(page);
  await createFlowFromList(page, SHIPPED, "order-shipped");

  await expect(toast(page, `“${SHIPPED}” was created`)).toBeVisible();
  await expect(page.getByTestId("flow-name")).toHaveText(SHIPPED);
  await expect(page.getByTestId("flow-status")).toHaveText("Draft");
  // trigger → shipping notice → wait for the answer → one text per button
  await expectNodeCount(page, 5);
  await expect(canvasEdges(page)).toHaveCount(4);
  await expect(canvasNode(page, "trigger")).toContainText("Order shipped");
  // the summary isolates the template's name and language (bidi marks): match the words one by one
  await expect(canvasNode(page, "template-send")).toContainText("Shipping notice");
  await expect(canvasNode(page, "template-send")).toContainText("order_shipped");
  await expect(canvasNode(page, "wait-for-reply")).toContainText("Track order");
  await expect(canvasNode(page, "wait-for-reply")).toContainText("Talk to us");
  await expect(canvasNode(page, "send-text")).toHaveCount(2);
  // a starter is complete: nothing to fix before publishing
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();

  await backToFlows();
  const row = flowRow(page, SHIPPED);
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("5 nodes");
});

test("searching narrows the list to the flows whose name matches, and clearing it shows all again", async () => {
  const created = await trpcMutation(page.request, "flow.create", {
    workspaceSlug: owner.slug,
    name: BIRTHDAY,
    description: "A message on the contact's birthday",
    starter: "blank",
  });
  expect(created.status).toBe(200);
  await page.reload();
  await flowListLoaded(page);
  await expect(flowRows(page)).toHaveCount(2);

  const search = page.getByTestId("flow-search");
  await search.fill("birthday");
  await expect(page).toHaveURL(/[?&]q=birthday/);
  await flowListLoaded(page);
  await expect(flowRows(page)).toHaveCount(1);
  await expect(flowRow(page, BIRTHDAY)).toBeVisible();

  await search.fill("no such flow");
  await expect(page.getByRole("heading", { name: "No flows match “no such flow”" })).toBeVisible();

  // the empty state's button (the search box's ✕ has the same name, without text)
  await page.getByRole("button", { name: "Clear search" }).filter({ hasText: "Clear search" }).click();
  await expect(search).toHaveValue("");
  await flowListLoaded(page);
  await expect(flowRows(page)).toHaveCount(2);
});

test("Rename in the row menu changes the flow's name in the list", async () => {
  await chooseFromRowMenu(page, BIRTHDAY, "Rename");
  const dialog = page.getByTestId("rename-dialog");
  await expect(dialog.getByLabel("Name", { exact: true })).toHaveValue(BIRTHDAY);
  await dialog.getByLabel("Name", { exact: true }).fill("Birthday wishes");
  await dialog.getByTestId("rename-submit").click();

  await expect(toast(page, "The flow was renamed")).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(flowRow(page, "Birthday wishes")).toBeVisible();
  await expect(flowRow(page, BIRTHDAY)).toHaveCount(0);
});

test("Duplicate makes a draft copy with the same steps", async () => {
  await chooseFromRowMenu(page, SHIPPED, "Duplicate");

  await expect(toast(page, `A copy of “${SHIPPED}” was made`)).toBeVisible();
  await expect(flowRows(page)).toHaveCount(3);
  const copy = flowRow(page, COPY);
  await expect(copy).toContainText("Draft");
  await expect(copy).toContainText("5 nodes");
});

test("Archive takes a flow out of the active list and into the Archived tab", async () => {
  await chooseFromRowMenu(page, COPY, "Archive");

  await expect(toast(page, `“${COPY}” was archived`)).toBeVisible();
  await expect(flowRow(page, COPY)).toHaveCount(0);
  await expect(flowRows(page)).toHaveCount(2);

  await openFlowsTab(page, "archived");
  await expect(flowRows(page)).toHaveCount(1);
  await expect(flowRow(page, COPY)).toContainText("Archived");

  await openFlowsTab(page, "active");
  await expect(flowRows(page)).toHaveCount(2);
});

test("Delete asks first, then removes a never-published flow for good", async () => {
  await chooseFromRowMenu(page, "Birthday wishes", "Delete");
  const dialog = page.getByTestId("delete-flow-dialog");
  await expect(dialog).toContainText("Delete “Birthday wishes”?");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(flowRow(page, "Birthday wishes")).toBeVisible();

  await chooseFromRowMenu(page, "Birthday wishes", "Delete");
  await page.getByTestId("delete-flow-dialog").getByRole("button", { name: "Delete flow" }).click();
  await expect(flowRow(page, "Birthday wishes")).toHaveCount(0);
  await expect(flowRows(page)).toHaveCount(1);
  await page.reload();
  await flowListLoaded(page);
  await expect(flowRow(page, "Birthday wishes")).toHaveCount(0);
});

test("Export JSON saves the flow as a file, and importing that file opens an “(imported)” copy in the builder", async () => {
  const exported = await captureFlowExport(page, () => chooseFromRowMenu(page, SHIPPED, "Export JSON"));
  expect(exported.fileName).toBe("order-shipped-notice.raqi-flow.json");
  await expect(toast(page, `Saved ${exported.fileName}`)).toBeVisible();
  expect(exported.file).toMatchObject({ format: "raqi-flow", formatVersion: 1, name: SHIPPED });
  expect(exported.file.document.nodes).toHaveLength(5);

  const dialog = await chooseImportFile(page, exported.fileName, exported.text);
  await expect(dialog.getByTestId("import-preview")).toHaveText(`${SHIPPED} · 5 nodes`);
  await dialog.getByTestId("import-submit").click();

  await expect(toast(page, "The flow was imported")).toBeVisible();
  await expect(page).toHaveURL(/\/flows\/[^/?#]+$/);
  await builderReady(page);
  await expect(page.getByTestId("flow-name")).toHaveText(`${SHIPPED} (imported)`);
  await expectNodeCount(page, 5);
  await expect(canvasEdges(page)).toHaveCount(4);

  await backToFlows();
  await expect(flowRow(page, `${SHIPPED} (imported)`)).toContainText("5 nodes");
});

test("importing a file whose flow document has version 99 shows the server's reason and creates nothing", async () => {
  const exported = await captureFlowExport(page, () => chooseFromRowMenu(page, SHIPPED, "Export JSON"));
  const future = { ...exported.file, document: { ...exported.file.document, version: 99 } };
  const rowsBefore = await flowRows(page).count();

  const dialog = await chooseImportFile(page, "from-the-future.raqi-flow.json", JSON.stringify(future));
  await dialog.getByTestId("import-submit").click();

  const problems = dialog.getByTestId("import-problems");
  await expect(problems).toContainText("This file cannot be imported:");
  await expect(problems).toContainText("Unsupported flow document version 99");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await flowListLoaded(page);
  await expect(flowRows(page)).toHaveCount(rowsBefore);
});
