import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import {
  connectSandbox,
  fillTestSend,
  messageRows,
  TEST_RECIPIENT,
  TEST_RECIPIENT_E164,
} from "../support/channel";
import { openSettingsTab, sidebar, toast } from "../support/shell";

// An admin's first messages, end to end through the sandbox (the built-in Meta fake): connect it, send a
// test template, watch the receipts arrive, answer STOP as the customer, and see Raqi honour it.
test.describe.configure({ mode: "serial" });

// the sample template of lib/flow/starters.ts: "Hi {{1}}, your order {{2}} has shipped."
const TEMPLATE = "order_shipped";
const VALUES = { "Body {{1}}": "Pablo", "Body {{2}}": "#1042" };

let context: BrowserContext;
let page: Page;
let owner: Owner;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

test("Settings → WhatsApp offers the sandbox, manual credentials and (later) Embedded Signup", async () => {
  owner = await signUpWithWorkspace(page, "admin");
  await openSettingsTab(page, "WhatsApp");

  await expect(page.getByTestId("connect-sandbox-card")).toContainText("Nothing leaves Raqi");
  await expect(page.getByTestId("connect-embedded-card").getByRole("button")).toBeDisabled();
  await expect(page.getByTestId("connect-embedded-card")).toContainText("Coming with the onboarding wizard");

  // manual credentials are checked by the shared schema before anything is sent
  await page.getByTestId("connect-manual").click();
  const form = page.getByRole("form", { name: "Manual connection" });
  await form.getByLabel("WhatsApp Business Account id").fill("not-a-number");
  await expect(form.getByLabel("Access token")).toHaveAttribute("type", "password");
  await form.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(form.getByText("Use the numeric id from Meta's WhatsApp Manager")).toBeVisible();
  await expect(form.getByText("Paste the access token")).toBeVisible();
  await form.getByRole("button", { name: "Cancel" }).click();

  await connectSandbox(page);
  await expect(page.getByTestId("phone-number")).toHaveCount(1);
  await expect(page.getByTestId("quality-rating")).toBeVisible();
  await expect(page.getByTestId("template-count")).toContainText("approved");
});

test("a test template goes out from the connection page, with a preview of what the customer sees", async () => {
  const dialog = await fillTestSend(page, { to: TEST_RECIPIENT, template: TEMPLATE, values: VALUES });
  await expect(dialog.getByTestId("template-preview")).toContainText(
    "Hi Pablo, your order #1042 has shipped.",
  );
  await expect(dialog.getByTestId("template-preview")).toContainText("Track order");
  await dialog.getByTestId("test-send-submit").click();

  await expect(dialog).toHaveCount(0);
  await expect(toast(page, `Test template sent to ${TEST_RECIPIENT}.`)).toBeVisible();
  await toast(page, "Test template sent").getByRole("link", { name: "Open the Messages log" }).click();
  await expect(page).toHaveURL(`/w/${owner.slug}/messages`);
});

test("the Messages log shows the message become Delivered and then Read, without reloading", async () => {
  const row = messageRows(page, TEST_RECIPIENT_E164);
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("template-chip")).toContainText(TEMPLATE);
  await expect(row).toContainText("Hi Pablo, your order #1042 has shipped.");
  // the sandbox sends sent → delivered → read webhooks within seconds; the log polls while they come
  const timeline = row.getByTestId("status-timeline");
  await expect(timeline).toContainText("Delivered", { timeout: 20_000 });
  await expect(row.getByTestId("message-status")).toHaveText("Read", { timeout: 20_000 });
  await expect(timeline).toContainText(/Sent .* · Delivered .* · Read /);
});

test("replying STOP as the contact in the sandbox opts them out of all messages", async () => {
  await messageRows(page, TEST_RECIPIENT_E164).getByTestId("message-contact").click();
  await expect(page).toHaveURL(new RegExp(`/w/${owner.slug}/contacts/[^/?#]+$`));
  await expect(page.getByTestId("contact-phone")).toHaveText(TEST_RECIPIENT_E164);
  await expect(page.getByTestId("contact-phone")).toHaveAttribute("dir", "ltr");

  const outbound = page.getByTestId("bubble").and(page.locator('[data-direction="out"]'));
  await expect(outbound).toHaveCount(1);
  await expect(outbound).toHaveAttribute("data-status", "read");
  await expect(outbound.getByRole("img", { name: "Read" })).toBeVisible();
  await expect(page.getByTestId("window-state")).toHaveText(
    "Closed — the contact has not written yet; only templates can be sent",
  );

  const composer = page.getByTestId("reply-composer");
  await expect(composer).toContainText("Reply as this contact (sandbox)");
  // the quick replies of the template just sent, as WhatsApp shows them under it
  await expect(composer.getByTestId("composer-quick-reply")).toHaveText(["Track order", "Talk to us"]);
  await composer.getByTestId("composer-stop").click();

  const inbound = page.getByTestId("bubble").and(page.locator('[data-direction="in"]'));
  await expect(inbound).toHaveText(/STOP/, { timeout: 15_000 });
  await expect(page.getByTestId("suppression-badge")).toHaveText("Opted out of all messages", {
    timeout: 15_000,
  });
  await expect(page.getByTestId("suppression-all")).toHaveAttribute("data-suppressed", "true");
  await expect(page.getByTestId("suppression-all")).toContainText("the contact sent an opt-out keyword");
  await expect(page.getByTestId("window-state")).toHaveText(/^Open until /);
});

test("another test template to the same number is refused: the contact opted out", async () => {
  await sidebar(page).getByRole("link", { name: "Messages", exact: true }).click();
  await expect(page).toHaveURL(`/w/${owner.slug}/messages`);
  const dialog = await fillTestSend(page, { to: TEST_RECIPIENT, template: TEMPLATE, values: VALUES });
  await dialog.getByTestId("test-send-submit").click();
  await expect(dialog.getByTestId("test-send-error")).toHaveText(
    "This contact opted out of these messages, so Raqi will not send them any.",
  );
  await dialog.getByRole("button", { name: "Cancel" }).click();
  // nothing new was recorded for the number: the outbound template and the STOP reply only
  await expect(messageRows(page, TEST_RECIPIENT_E164)).toHaveCount(2);
});

test("in Arabic the contacts page reads right to left and the phone number stays left to right", async () => {
  await page.goto(`/w/${owner.slug}/contacts`);
  await page.getByTestId("locale-switcher").selectOption({ label: "العربية" });
  const html = page.locator("html");
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "جهات الاتصال" })).toBeVisible();
  const phone = page.getByTestId("contacts-table").getByTestId("contact-phone");
  await expect(phone).toHaveText(TEST_RECIPIENT_E164);
  await expect(phone).toHaveAttribute("dir", "ltr");
  expect(await phone.evaluate((element) => getComputedStyle(element).direction)).toBe("ltr");
  await expect(page.getByTestId("suppression-badge")).toHaveText("ألغى الاشتراك في كل الرسائل");

  await page.getByTestId("locale-switcher").selectOption({ label: "English" });
  await expect(html).toHaveAttribute("dir", "ltr");
});
