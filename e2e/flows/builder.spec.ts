import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import {
  builderReady,
  canvasEdges,
  canvasNode,
  connect,
  dragFromPalette,
  expectNodeCount,
  inputHandle,
  issuesCount,
  openIssues,
  outputHandle,
  selectNode,
  waitForSaved,
  type NodeType,
} from "../support/builder";
import { captureFlowExport, chooseImportFile, createFlowFromList, flowListLoaded } from "../support/flows";
import { toast } from "../support/shell";

// An editor builds a flow from nothing, step by step, and takes it through publishing, history and a file.
// The tests are one story: each starts where the previous one left the canvas.
test.describe.configure({ mode: "serial" });

// Wide enough for the palette's names (xl) and a canvas that holds the seven steps at full size.
test.use({ viewport: { width: 1600, height: 1000 } });

const FLOW = "Shipping follow-up";

/**
 * Where each step is dropped, relative to the canvas' top-left corner: the main path down the left
 * column, the rest on the right, clear of the minimap and the zoom controls.
 */
const DROPS: [NodeType, { x: number; y: number }][] = [
  ["trigger", { x: 150, y: 50 }],
  ["condition", { x: 520, y: 50 }],
  ["template-send", { x: 150, y: 240 }],
  ["wait-for-reply", { x: 150, y: 430 }],
  ["opt-out", { x: 520, y: 240 }],
  ["delay", { x: 520, y: 430 }],
  ["send-text", { x: 150, y: 620 }],
];

let context: BrowserContext;
let page: Page;
let owner: Owner;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

/** The problems listed at the top of the selected step's panel. */
function stepFindings() {
  return page.getByRole("list", { name: "Problems with this step" });
}

test("each of the seven step types is dragged from the palette onto a blank canvas", async () => {
  owner = await signUpWithWorkspace(page);
  await createFlowFromList(page, FLOW, "blank");
  await expect(page.getByTestId("empty-canvas-hint")).toContainText(
    "Drag a trigger from the palette to start",
  );

  for (const [type, at] of DROPS) {
    await dragFromPalette(page, type, at);
    await expect(canvasNode(page, type)).toBeVisible();
  }

  await expectNodeCount(page, 7);
  await expect(page.getByTestId("empty-canvas-hint")).toHaveCount(0);
  // the last step dropped is selected and its settings are open
  await expect(page.getByTestId("panel-send-text")).toBeVisible();
});

test("dragging from a step's output dot to another step's input dot connects them", async () => {
  await connect(
    page,
    outputHandle(canvasNode(page, "trigger"), { id: "next" }),
    inputHandle(canvasNode(page, "template-send")),
  );
  await expect(canvasEdges(page)).toHaveCount(1);

  await connect(
    page,
    outputHandle(canvasNode(page, "template-send"), { id: "sent" }),
    inputHandle(canvasNode(page, "wait-for-reply")),
  );
  await expect(canvasEdges(page)).toHaveCount(2);
  // the connection carries the name of the output it leaves from
  await expect(canvasEdges(page).filter({ hasText: "Sent" })).toHaveCount(1);
});

test("choosing order_shipped (en_US) and mapping its variables makes the template findings disappear", async () => {
  const panel = await selectNode(page, "template-send");
  await expect(stepFindings()).toContainText("Choose a template and its language");

  await panel.getByLabel("Template", { exact: true }).selectOption({ label: "order_shipped (en_US)" });
  await expect(panel.getByTestId("template-preview")).toContainText(
    "Hi {{1}}, your order {{2}} has shipped.",
  );
  await expect(stepFindings()).not.toContainText("Choose a template");

  // the Issues list names both unmapped variables; a click on one brings back the step's settings
  const issues = await openIssues(page);
  const unmapped = issues.and(page.locator('[data-code="template.variable_unmapped"]'));
  await expect(unmapped).toHaveCount(2);
  await expect(unmapped.first()).toContainText("Fill in the template variable {{1}} (body.1)");
  const before = Number(await issuesCount(page).textContent());
  await unmapped.first().click();
  await expect(panel).toBeVisible();
  // the click centred the step: bring the whole flow back into view
  await page.getByTestId("toolbar-fit").click();

  await panel.getByLabel("Body {{1}}", { exact: true }).fill("{{contact.name}}");
  await panel.getByLabel("Body {{2}}", { exact: true }).fill("{{event.order_id}}");
  await expect(panel.getByTestId("template-preview")).toContainText(
    "Hi {{contact.name}}, your order {{event.order_id}} has shipped.",
  );
  await expect(stepFindings()).toHaveCount(0);
  await expect(issuesCount(page)).toHaveText(String(before - 2));

  await openIssues(page);
  await expect(page.getByTestId("issues-list")).toBeVisible();
  await expect(unmapped).toHaveCount(0);
  await expect(canvasNode(page, "template-send")).toHaveAttribute("data-errors", "0");
});

test("a wait for reply gets a “Track order” button branch and a 2-hour timeout", async () => {
  const panel = await selectNode(page, "wait-for-reply");
  await expect(stepFindings()).toContainText("Add at least one reply branch");

  await panel.getByRole("button", { name: "Button", exact: true }).click();
  const branch = panel.getByTestId("wait-branch-0");
  await expect(branch).toBeVisible();
  await branch.getByLabel("Branch 1: button text").fill("Track order");
  await panel.getByLabel("Wait at most").fill("2");
  await panel.getByLabel("Unit").selectOption({ label: "Hours" });

  await expect(branch).toContainText("1. Track order");
  await expect(stepFindings()).not.toContainText("Add at least one reply branch");
  await expect(stepFindings()).toContainText("None of the reply branches is connected");
  const wait = canvasNode(page, "wait-for-reply");
  await expect(wait).toContainText("2 h");
  await expect(outputHandle(wait, { label: "Track order" })).toBeVisible();

  // the branch and the timeout are outputs of their own
  await connect(
    page,
    outputHandle(wait, { label: "Track order" }),
    inputHandle(canvasNode(page, "send-text")),
  );
  await connect(page, outputHandle(wait, { id: "timeout" }), inputHandle(canvasNode(page, "delay")));
  await connect(
    page,
    outputHandle(canvasNode(page, "delay"), { id: "next" }),
    inputHandle(canvasNode(page, "opt-out")),
  );
  await expect(canvasEdges(page)).toHaveCount(5);
  await expect(canvasEdges(page).filter({ hasText: "Track order" })).toHaveCount(1);
  await expect(canvasEdges(page).filter({ hasText: "Timeout" })).toHaveCount(1);
  await expect(stepFindings()).toHaveCount(0);
});

test("once the trigger and the text are filled in, only the empty condition blocks publishing", async () => {
  const trigger = await selectNode(page, "trigger");
  await trigger.getByLabel("Event name").fill("order.shipped");
  await expect(canvasNode(page, "trigger")).toContainText("order.shipped");
  await expect(canvasNode(page, "trigger")).toHaveAttribute("data-errors", "0");

  const text = await selectNode(page, "send-text");
  await expect(stepFindings()).toContainText("Write the message to send");
  await text.getByLabel("Message").fill("Here is where your parcel is: {{event.tracking_url}}");
  await expect(canvasNode(page, "send-text")).toContainText("Here is where your parcel is");
  await expect(stepFindings()).toHaveCount(0);

  await expect(page.getByTestId("toolbar-issues")).toHaveAccessibleName(/^Issues: 1 error,/);
  await expect(canvasNode(page, "condition")).toHaveAttribute("data-errors", "1");
  await expect(page.getByTestId("toolbar-publish")).toBeDisabled();
});

test("Delete removes the selected step, Ctrl+Z brings it back and Ctrl+Shift+Z removes it again", async () => {
  await selectNode(page, "condition");
  await page.keyboard.press("Delete");
  await expectNodeCount(page, 6);
  await expect(canvasNode(page, "condition")).toHaveCount(0);
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();

  await page.keyboard.press("Control+Z");
  await expectNodeCount(page, 7);
  await expect(canvasNode(page, "condition")).toBeVisible();
  await expect(page.getByTestId("toolbar-publish")).toBeDisabled();

  await page.keyboard.press("Control+Shift+Z");
  await expectNodeCount(page, 6);
  await expect(canvasNode(page, "condition")).toHaveCount(0);
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();
});

test("the draft saves itself, and a reload shows the same graph with its settings", async () => {
  await waitForSaved(page);
  await page.reload();
  await builderReady(page);

  await expectNodeCount(page, 6);
  await expect(canvasEdges(page)).toHaveCount(5);
  const template = await selectNode(page, "template-send");
  await expect(template.getByLabel("Template", { exact: true })).toHaveValue("order_shipped|en_US");
  await expect(template.getByLabel("Body {{1}}", { exact: true })).toHaveValue("{{contact.name}}");
  const wait = await selectNode(page, "wait-for-reply");
  await expect(wait.getByLabel("Branch 1: button text")).toHaveValue("Track order");
  await expect(wait.getByLabel("Wait at most")).toHaveValue("2");
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();
});

async function publish(note: string, version: number) {
  await page.getByTestId("toolbar-publish").click();
  const dialog = page.getByTestId("publish-dialog");
  await dialog.getByLabel("What changed?").fill(note);
  await dialog.getByTestId("publish-confirm").click();
  await expect(toast(page, `Version ${version} is live`)).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId("flow-status")).toHaveText(`Published · v${version}`);
}

test("publishing with a note makes version 1 live, and after an edit version 2", async () => {
  await publish("Shipping notice with a tracking link", 1);

  // click-to-add: with nothing selected, the step lands in the middle of the view, unconnected
  await page.keyboard.press("Escape");
  await page.getByTestId("palette-delay").click();
  await expectNodeCount(page, 7);
  await expect(canvasNode(page, "delay")).toHaveCount(2);
  await waitForSaved(page);

  await publish("A spare delay", 2);
});

test("the version history restores version 1 into the draft", async () => {
  await page.getByTestId("toolbar-history").click();
  const drawer = page.getByTestId("versions-drawer");
  await expect(drawer.getByTestId("versions-list")).toBeVisible();
  const [v1, v2] = [drawer.getByTestId("version-1"), drawer.getByTestId("version-2")];
  await expect(v2).toContainText("Live");
  await expect(v2).toContainText("7 steps");
  await expect(v2).toContainText("A spare delay");
  await expect(v1).toContainText("6 steps");
  await expect(v1).toContainText("Shipping notice with a tracking link");

  await v1.getByRole("button", { name: "Restore into draft" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Restore version 1 into the draft?" });
  await confirm.getByRole("button", { name: "Restore", exact: true }).click();

  await expect(toast(page, "Version 1 restored into the draft")).toBeVisible();
  await expect(drawer).toHaveCount(0);
  await expectNodeCount(page, 6);
  await expect(canvasNode(page, "delay")).toHaveCount(1);
  await expect(canvasEdges(page)).toHaveCount(5);
  // the live version stays 2 until the next publish
  await expect(page.getByTestId("flow-status")).toHaveText("Published · v2");
  await waitForSaved(page);
});

test("the toolbar's export downloads the draft, and importing it on the flows list opens the same graph", async () => {
  const exported = await captureFlowExport(page, () => page.getByTestId("toolbar-export").click());
  expect(exported.fileName).toBe("shipping-follow-up.raqi-flow.json");
  expect(exported.file.name).toBe(FLOW);
  expect(exported.file.document.nodes).toHaveLength(6);
  expect(exported.file.document.edges).toHaveLength(5);

  await page.getByRole("link", { name: "Back to flows" }).click();
  await expect(page).toHaveURL(`/w/${owner.slug}/flows`);
  await flowListLoaded(page);
  const dialog = await chooseImportFile(page, exported.fileName, exported.text);
  await expect(dialog.getByTestId("import-preview")).toHaveText(`${FLOW} · 6 nodes`);
  await dialog.getByTestId("import-submit").click();

  await expect(toast(page, "The flow was imported")).toBeVisible();
  await builderReady(page);
  await expect(page.getByTestId("flow-name")).toHaveText(`${FLOW} (imported)`);
  await expect(page.getByTestId("flow-status")).toHaveText("Draft");
  await expectNodeCount(page, 6);
  await expect(canvasEdges(page)).toHaveCount(5);
  await expect(page.getByTestId("toolbar-publish")).toBeEnabled();
});
