import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, newTestUser, signUpWithWorkspace, type Owner, type TestUser } from "../support/accounts";
import { builderReady, canvasNode, canvasNodes, expectNodeCount, selectNode } from "../support/builder";
import { createFlowFromList, flowListLoaded, flowRow } from "../support/flows";
import { acceptBySigningUp, inviteTeammate } from "../support/invitations";
import { trpcMutation } from "../support/trpc";

// A viewer looks at a flow an owner made: the builder shows it read-only, and the server holds the line
// when the viewer tries to save a draft anyway.
test.describe.configure({ mode: "serial" });

const FLOW = "Order shipped notice";

let ownerContext: BrowserContext;
let ownerPage: Page;
let viewerContext: BrowserContext;
let viewerPage: Page;
let owner: Owner;
let viewer: TestUser;
let flowId: string;

test.beforeAll(async ({ browser }) => {
  ({ context: ownerContext, page: ownerPage } = await newPerson(browser));
  ({ context: viewerContext, page: viewerPage } = await newPerson(browser));
  viewer = newTestUser("viewer");
});

test.afterAll(async () => {
  await ownerContext?.close();
  await viewerContext?.close();
});

test("a viewer joins through the owner's invite link, and the owner creates a flow from a starter", async () => {
  owner = await signUpWithWorkspace(ownerPage);
  const link = await inviteTeammate(ownerPage, viewer.email, "Viewer");
  await acceptBySigningUp(viewerPage, link, viewer, owner.slug);
  await expect(viewerPage.getByTestId("workspace-switcher")).toContainText("Viewer");

  await ownerPage.goto(`/w/${owner.slug}/flows`);
  flowId = await createFlowFromList(ownerPage, FLOW, "order-shipped");
  await expectNodeCount(ownerPage, 5);
});

test("the viewer's flows list offers opening and exporting, not creating or changing", async () => {
  await viewerPage.reload();
  await flowListLoaded(viewerPage);
  await expect(flowRow(viewerPage, FLOW)).toContainText("5 nodes");
  await expect(viewerPage.getByTestId("new-flow-button")).toHaveCount(0);
  await expect(viewerPage.getByTestId("import-button")).toHaveCount(0);

  await viewerPage.getByTestId(`flow-menu-${flowId}`).click();
  const menu = viewerPage.getByRole("menu");
  await expect(menu.getByRole("menuitem")).toHaveText(["Open", "Export JSON"]);
  await viewerPage.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
});

test("the viewer's builder is read-only: no palette, no publishing, disabled settings, Delete does nothing", async () => {
  await flowRow(viewerPage, FLOW).getByRole("link", { name: FLOW }).click();
  await expect(viewerPage).toHaveURL(`/w/${owner.slug}/flows/${flowId}`);
  await builderReady(viewerPage);

  await expect(viewerPage.getByTestId("builder-readonly")).toHaveText(
    "You can look at this flow, but only editors can change or publish it.",
  );
  await expectNodeCount(viewerPage, 5);
  await expect(viewerPage.getByRole("complementary", { name: "Steps" })).toHaveCount(0);
  await expect(viewerPage.locator('[data-testid^="palette-"]')).toHaveCount(0);
  await expect(viewerPage.getByTestId("toolbar-publish")).toHaveCount(0);
  await expect(viewerPage.getByTestId("save-status")).toHaveCount(0);
  await expect(viewerPage.getByTestId("toolbar-undo")).toHaveCount(0);
  // what a viewer may still do: look around, read the issues, export
  await expect(viewerPage.getByTestId("toolbar-fit")).toBeVisible();
  await expect(viewerPage.getByTestId("toolbar-export")).toBeVisible();

  const panel = await selectNode(viewerPage, "template-send");
  await expect(panel.getByTestId("panel-readonly")).toHaveText(
    "Read-only: only editors can change this flow.",
  );
  await expect(panel.getByLabel("Template", { exact: true })).toBeDisabled();
  await expect(panel.getByLabel("Template", { exact: true })).toHaveValue("order_shipped|en_US");
  await expect(panel.getByLabel("Body {{1}}", { exact: true })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Delete", exact: true })).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Duplicate", exact: true })).toHaveCount(0);

  await canvasNode(viewerPage, "template-send").click();
  await viewerPage.keyboard.press("Delete");
  await viewerPage.keyboard.press("Backspace");
  await viewerPage.keyboard.press("Control+D");
  // Escape still clears the selection for a viewer: once that shows, the keys before it were handled
  await viewerPage.keyboard.press("Escape");
  await expect(viewerPage.getByText("Select a step to edit it")).toBeVisible();
  await expect(canvasNodes(viewerPage)).toHaveCount(5);
  await expect(canvasNode(viewerPage, "template-send")).toBeVisible();
});

test("the server refuses a viewer's direct flow.saveDraft with 403 FORBIDDEN, and the draft is unchanged", async () => {
  const answer = await trpcMutation(viewerPage.request, "flow.saveDraft", {
    workspaceSlug: owner.slug,
    flowId,
    revision: 1,
    document: { version: 1, nodes: [], edges: [] },
  });
  expect(answer.status).toBe(403);
  expect(answer.errorCode).toBe("FORBIDDEN");

  await viewerPage.reload();
  await builderReady(viewerPage);
  await expectNodeCount(viewerPage, 5);
});
