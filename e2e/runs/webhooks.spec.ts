import { createHmac } from "node:crypto";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace } from "../support/accounts";
import { selectNode, waitForSaved } from "../support/builder";
import { connectSandbox } from "../support/channel";
import { createFlowFromList } from "../support/flows";
import { publishFlow } from "../support/runs";
import { openSettingsTab, sidebar } from "../support/shell";

// An integration webhook from the trigger's panel: the address, the mapping, a dry run that shows the
// mapped phone, then a real signed delivery to the published flow.
test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
});

test.afterAll(async () => {
  await context?.close();
});

test("a webhook trigger shows its address, maps a test payload and accepts a signed delivery", async () => {
  await signUpWithWorkspace(page, "hooks");
  await openSettingsTab(page, "WhatsApp");
  await connectSandbox(page);
  await sidebar(page).getByRole("link", { name: "Flows", exact: true }).click();
  await createFlowFromList(page, "Shop webhook", "order-shipped");

  const panel = await selectNode(page, "trigger");
  await panel.getByLabel("Starts when").selectOption({ label: "Integration webhook" });
  const address = panel.getByLabel("Webhook address");
  await expect(address).toHaveValue(/^http:\/\/localhost:3100\/api\/hooks\/hk_[A-Za-z0-9_-]{24}$/);
  await expect(panel.getByTestId("hook-last-received")).toHaveText("No delivery received yet");

  // an invalid path is named inline and never reaches the flow
  const phonePath = panel.getByLabel("Phone number");
  await phonePath.fill("customer..phone");
  await expect(panel.locator("#hook-mapping-phone-error")).toContainText("A key is empty");
  await phonePath.fill("$.customer.phone");
  await expect(panel.locator("#hook-mapping-phone-error")).toHaveCount(0);
  await panel.getByLabel("Contact name").fill("customer.first_name");

  const sample = {
    customer: { phone: "+966 50 123 4567", first_name: "Sara" },
    order_id: "#2051",
    tracking_url: "https://t.example/2051",
  };
  await panel.getByLabel("Sample JSON body").fill(JSON.stringify(sample, null, 2));
  await panel.getByRole("button", { name: "Send test payload" }).click();
  const result = panel.getByTestId("hook-test-result");
  await expect(result).toHaveAttribute("data-ok", "true");
  await expect(panel.getByTestId("hook-test-phone")).toHaveText("+966501234567");
  await expect(result).toContainText("Sara");

  // a body without the phone is refused, naming the path
  await panel.getByLabel("Sample JSON body").fill(JSON.stringify({ customer: {} }));
  await panel.getByRole("button", { name: "Send test payload" }).click();
  await expect(result).toHaveAttribute("data-ok", "false");
  await expect(result).toContainText("The body has no phone number at “$.customer.phone”.");

  // the secret is shown on request; the curl example then signs with it
  await panel.getByRole("button", { name: "Reveal secret" }).click();
  const secret = (await panel.getByTestId("hook-secret").textContent()) ?? "";
  expect(secret).toMatch(/^rqs_/);
  await expect(panel.getByTestId("hook-example")).toContainText(`SECRET='${secret}'`);
  await expect(panel.getByTestId("hook-example")).toContainText("openssl dgst -sha256 -hmac");

  await waitForSaved(page);
  await publishFlow(page);

  const url = await address.inputValue();
  const body = JSON.stringify(sample);
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const refused = await page.request.post(url, {
    data: body,
    headers: { "content-type": "application/json", "x-raqi-signature": "sha256=00" },
  });
  expect(refused.status()).toBe(401);
  const accepted = await page.request.post(url, {
    data: body,
    headers: { "content-type": "application/json", "x-raqi-signature": signature },
  });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toMatchObject({
    event: { duplicate: false },
    runs: [{ outcome: "started" }],
  });

  await page.reload();
  const reopened = await selectNode(page, "trigger");
  await expect(reopened.getByTestId("hook-last-received")).toContainText("Last delivery");
});
