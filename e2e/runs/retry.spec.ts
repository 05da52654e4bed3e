import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import { connectSandbox } from "../support/channel";
import { publishOrderShippedFlow, runForContact, runStep } from "../support/runs";
import { openSettingsTab, toast } from "../support/shell";

// Retry from the failed step: a run for a contact without a name fails at the shipping notice (its
// template needs {{contact.name}}); while another run of the flow is running for the contact the retry is
// refused with the reason; once that run is cancelled, the retry goes on from the notice with the name
// the contact has now, and the page follows it live.
test.describe.configure({ mode: "serial" });

const PHONE = "+1 650 555 0177";
const DATA = { order_id: "#2051", tracking_url: "https://t.example/2051" };

let context: BrowserContext;
let page: Page;
let owner: Owner;
let failedRunUrl: string;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

test("a run for a contact without a name fails at the notice, with the reason spelled out", async () => {
  owner = await signUpWithWorkspace(page, "retrier");
  await openSettingsTab(page, "WhatsApp");
  await connectSandbox(page);
  await publishOrderShippedFlow(page, "Order shipped");

  const outcome = await runForContact(page, { phone: PHONE, data: DATA });
  await outcome.getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/runs/[^/?#]+$`));
  failedRunUrl = page.url();

  const status = page.getByTestId("run-status").first();
  await expect(status).toHaveAttribute("data-status", "failed", { timeout: 20_000 });
  const reason = page.getByTestId("run-failure").first();
  await expect(reason).toHaveAttribute("data-code", "missing_variable");
  await expect(reason).toContainText("A value the message needs is missing from the run's data");
  await expect(reason).toContainText("No value for contact.name (used in body.1: {{contact.name}}).");
  await expect(runStep(page, "notify").getByTestId("step-status")).toHaveText("Failed");
  await expect(page.getByTestId("retry-run")).toBeEnabled();

  // in Arabic the reason and its values are translated, not the English text stored on the run
  await page.getByTestId("locale-switcher").selectOption({ label: "العربية" });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(reason).toContainText("لا توجد قيمة لـ contact.name (المستخدمة في body.1: {{contact.name}}).");
  await expect(reason).not.toContainText("No value for");
  await expect(page.getByTestId("retry-run")).toHaveText("إعادة المحاولة من الخطوة الفاشلة");
  await page.getByTestId("locale-switcher").selectOption({ label: "English" });
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
});

test("while another run of the flow is running for the contact, the retry is disabled with the reason", async () => {
  await page.goto(`/w/${owner.slug}/flows`);
  await page.getByRole("link", { name: "Order shipped" }).first().click();
  const outcome = await runForContact(page, { phone: PHONE, name: "Sara", data: DATA });
  await expect(outcome).toContainText("A run started.");
  await outcome.getByRole("link", { name: "Open the run" }).click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/runs/[^/?#]+$`));
  const otherRunUrl = page.url();
  expect(otherRunUrl).not.toBe(failedRunUrl);
  await expect(page.getByTestId("run-status").first()).toHaveAttribute("data-status", "waiting_reply", {
    timeout: 20_000,
  });

  await page.goto(failedRunUrl);
  await expect(page.getByTestId("retry-run")).toBeDisabled();
  await expect(page.getByTestId("retry-run-reason")).toHaveText(
    "Cannot retry: Another run of this flow is running for this contact: wait for it to end or cancel it.",
  );

  await page.goto(otherRunUrl);
  await page.getByTestId("cancel-run").click();
  await page.getByTestId("cancel-run-dialog").getByRole("button", { name: "Cancel run" }).click();
  await expect(toast(page, "Run cancelled")).toBeVisible();
});

test("the retry goes on from the notice with the contact's name, and the page follows the run", async () => {
  await page.goto(failedRunUrl);
  await page.getByTestId("retry-run").click();
  const dialog = page.getByTestId("retry-run-dialog");
  await expect(dialog).toContainText("The run goes on from “Shipping notice”");
  await dialog.getByRole("button", { name: "Retry from this step" }).click();
  await expect(toast(page, "Retrying the run from “Shipping notice”")).toBeVisible();

  const status = page.getByTestId("run-status").first();
  await expect(status).toHaveAttribute("data-status", "waiting_reply", { timeout: 20_000 });
  await expect(page.getByTestId("retry-run")).toHaveCount(0);
  const visits = page.getByTestId("run-step").and(page.locator('[data-node-id="notify"]'));
  await expect(visits).toHaveCount(2);
  await expect(visits.first().getByTestId("step-status")).toHaveText("Failed");
  await expect(visits.last().getByTestId("step-status")).toHaveText("Done");
  await expect(visits.last().getByTestId("step-message")).toContainText(
    "Hi Sara, your order #2051 has shipped.",
  );
});
