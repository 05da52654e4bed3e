import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import { connectSandbox } from "../support/channel";
import {
  canvasNodeById,
  openRunsMode,
  publishOrderShippedFlow,
  runForContact,
  runStep,
} from "../support/runs";
import { openSettingsTab, sidebar } from "../support/shell";

// A flow run from start to finish on the sandbox: publish the "Order shipped" starter, start it by hand
// for a customer, answer as the customer on the sandbox phone, and follow the run on its page, in the
// runs list and on the canvas.
test.describe.configure({ mode: "serial" });

const PHONE = "+1 650 555 0142";
const PHONE_E164 = "+16505550142";
const DATA = { order_id: "#1042", tracking_url: "https://t.example/1042" };

let context: BrowserContext;
let page: Page;
let owner: Owner;
let runUrl: string;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

test("an owner connects the sandbox and publishes the Order shipped starter", async () => {
  owner = await signUpWithWorkspace(page, "runner");
  await openSettingsTab(page, "WhatsApp");
  await connectSandbox(page);
  await publishOrderShippedFlow(page, "Order shipped");
});

test("Run for contact starts the flow, and the run waits for a reply once the template is out", async () => {
  const outcome = await runForContact(page, { phone: PHONE, name: "Sara", data: DATA });
  await expect(outcome).toContainText("A run started.");
  await outcome.getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/runs/[^/?#]+$`));
  runUrl = page.url();

  await expect(page.getByTestId("run-flow-link")).toHaveText("Order shipped");
  await expect(page.getByTestId("run-version")).toHaveText("v1");
  await expect(page.getByTestId("run-trigger")).toHaveText("By hand");
  await expect(page.getByTestId("run-contact-phone")).toHaveText(PHONE_E164);
  await expect(page.getByTestId("run-contact-phone")).toHaveAttribute("dir", "ltr");
  await expect(page.getByTestId("run-event-data")).toContainText('"tracking_url": "https://t.example/1042"');

  // the page follows the run as it moves: the template goes out, then the run parks on the wait
  const status = page.getByTestId("run-status").first();
  await expect(status).toHaveAttribute("data-status", "waiting_reply", { timeout: 20_000 });
  await expect(status).toHaveText("Waiting for a reply");
  await expect(page.getByTestId("cancel-run")).toBeVisible();

  const notice = runStep(page, "notify");
  await expect(notice.getByTestId("step-title")).toHaveText("Shipping notice");
  await expect(notice.getByTestId("step-status")).toHaveText("Done");
  const template = notice.getByTestId("step-message");
  await expect(template).toContainText("Hi Sara, your order #1042 has shipped.");
  await expect(template.getByTestId("template-chip")).toContainText("order_shipped");
  await expect(template).toHaveAttribute("data-status", /^(sent|delivered|read)$/);
  await expect(template.getByTestId("message-status")).toHaveText(/Sent|Delivered|Read/);

  const wait = runStep(page, "wait");
  await expect(wait.getByTestId("step-title")).toHaveText("Wait for an answer");
  await expect(wait.getByTestId("step-status")).toHaveText("Waiting for a reply");
  await expect(runStep(page, "tracking-link")).toHaveCount(0);
});

test("tapping Track order on the contact's sandbox phone completes the run through that branch", async () => {
  await page.getByTestId("run-contact-link").click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts/[^/?#]+$`));
  const composer = page.getByTestId("reply-composer");
  await expect(composer.getByTestId("composer-quick-reply")).toHaveText(["Track order", "Talk to us"]);
  await composer.getByTestId("composer-quick-reply").filter({ hasText: "Track order" }).click();
  const inbound = page.getByTestId("bubble").and(page.locator('[data-direction="in"]'));
  await expect(inbound).toContainText("Track order", { timeout: 15_000 });

  await page.goto(runUrl);
  const status = page.getByTestId("run-status").first();
  await expect(status).toHaveAttribute("data-status", "completed", { timeout: 20_000 });
  await expect(status).toHaveText("Completed");
  await expect(page.getByTestId("cancel-run")).toHaveCount(0);

  const wait = runStep(page, "wait");
  await expect(wait.getByTestId("step-status")).toHaveText("Done");
  await expect(wait.getByTestId("step-reply")).toContainText("Track order");
  await expect(wait.getByTestId("step-branch")).toHaveText("Went on through Track order");

  const tracking = runStep(page, "tracking-link");
  await expect(tracking.getByTestId("step-title")).toHaveText("Tracking link");
  await expect(tracking.getByTestId("step-message")).toContainText(
    "Here is where your parcel is: https://t.example/1042",
  );
  await expect(runStep(page, "handover")).toHaveCount(0);
});

test("the runs list shows the run with its flow, contact, trigger and status", async () => {
  await sidebar(page).getByRole("link", { name: "Runs", exact: true }).click();
  await expect(page).toHaveURL(`/w/${owner.slug}/runs`);
  const rows = page.getByTestId("runs-table").locator('tbody > tr[data-testid^="run-row-"]');
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("run-status")).toHaveText("Completed");
  await expect(rows.getByTestId("run-flow")).toHaveText("Order shipped");
  await expect(rows.getByTestId("run-contact")).toContainText("Sara");
  await expect(rows.getByTestId("run-contact").locator('[dir="ltr"]')).toHaveText(PHONE_E164);
  await expect(rows).toContainText("By hand");

  // filters live in the address: no failed run here
  await page.getByTestId("runs-filter-status").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("heading", { level: 2, name: "No runs match these filters" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(rows).toHaveCount(1);
});

test("in Runs mode the flow's canvas counts the run on its path, and selecting it draws that path", async () => {
  await page.getByTestId("run-flow").click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/flows/[^/?#]+`));
  await expect(page.getByTestId("builder-canvas")).toHaveAttribute("data-canvas-ready", "true");
  const panel = await openRunsMode(page);
  await expect(page).toHaveURL(/mode=runs/);

  const counts = (nodeId: string) => canvasNodeById(page, nodeId).getByTestId("node-run-counts");
  await expect(counts("trigger")).toHaveAttribute("data-entered", "1");
  await expect(counts("tracking-link")).toHaveAttribute("data-entered", "1");
  await expect(counts("tracking-link")).toHaveAttribute("data-completed", "1");
  await expect(counts("handover")).toHaveCount(0);
  await expect(page.getByTestId("builder-canvas").getByTestId(/^edge-count-wait--track/)).toHaveAttribute(
    "data-count",
    "1",
  );

  const item = panel.getByTestId("flow-run-item");
  await expect(item).toHaveCount(1);
  await item.click();
  await expect(item).toHaveAttribute("aria-pressed", "true");
  const frame = (nodeId: string) => canvasNodeById(page, nodeId).locator('[data-testid^="rf-node-"]');
  await expect(frame("tracking-link")).toHaveAttribute("data-run-path", "completed");
  await expect(frame("handover")).toHaveAttribute("data-run-path", "off");

  // back to editing: the counts go away and the palette returns
  await page.getByTestId("toolbar-runs").click();
  await expect(panel).toHaveCount(0);
  await expect(counts("trigger")).toHaveCount(0);
  await expect(page.getByTestId("palette-delay")).toBeVisible();
});
