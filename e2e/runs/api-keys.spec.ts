import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, signUpWithWorkspace, type Owner } from "../support/accounts";
import { createApiKey, ORDER_SHIPPED_EVENT, publishOrderShippedFlow } from "../support/runs";
import { openSettingsTab, toast } from "../support/shell";

// An admin lets their shop's backend start flows: an API key created (and shown once), used for a real
// call of the events API, then revoked — after which the same call is refused.
test.describe.configure({ mode: "serial" });

let context: BrowserContext;
let page: Page;
let owner: Owner;
let flowId: string;
let key: string;

const event = (phone: string) => ({
  name: ORDER_SHIPPED_EVENT,
  contact: { phone, name: "Omar" },
  data: { order_id: "#7", tracking_url: "https://t.example/7" },
});

test.beforeAll(async ({ browser }) => {
  ({ context, page } = await newPerson(browser));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test.afterAll(async () => {
  await context?.close();
});

test("an admin creates a key: the full key is shown once and copies to the clipboard", async () => {
  owner = await signUpWithWorkspace(page, "integrator");
  flowId = await publishOrderShippedFlow(page, "Order shipped");
  await openSettingsTab(page, "API keys");
  await expect(page.getByRole("heading", { level: 2, name: "No API keys" })).toBeVisible();

  const created = await createApiKey(page, "Shop backend");
  key = created.key;
  await expect(created.dialog.getByTestId("api-key-once")).toContainText("you won't see it again");
  await created.dialog.getByTestId("copy-api-key").click();
  await expect(created.dialog.getByTestId("copy-api-key")).toHaveAttribute("data-copied", "true");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
  await created.dialog.getByTestId("api-key-done").click();
  await expect(created.dialog).toHaveCount(0);

  const row = page.getByTestId("api-keys-table").locator("tbody > tr");
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("api-key-name")).toHaveText("Shop backend");
  await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 12)}…`);
  await expect(row.getByTestId("api-key-status")).toHaveText("Active");
  await expect(row).toContainText("Never");
});

test("the key starts the published flow through POST /api/v1/events", async ({ request }) => {
  const response = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: event("+1 650 555 0177"),
  });
  expect(response.status()).toBe(202);
  const body = (await response.json()) as { events: { id: string; duplicate: boolean }[] };
  expect(body.events).toEqual([{ id: expect.any(String), duplicate: false }]);
  // The runs start right after the answer: GET /api/v1/events/{id} tells which.
  let stored:
    { status: string; runs: { flowId: string; runId: string | null; outcome: string }[] } | undefined;
  await expect
    .poll(async () => {
      const answer = await request.get(`/api/v1/events/${body.events[0]?.id ?? ""}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      stored = ((await answer.json()) as { event?: typeof stored }).event;
      return stored?.status;
    })
    .toBe("processed");
  expect(stored?.runs).toEqual([{ flowId, runId: expect.any(String), outcome: "started" }]);
});

test("the API docs show a call for the flow's event, and its test form calls the API with the key", async () => {
  await page.goto(`/w/${owner.slug}/developers`);
  await expect(page.getByRole("heading", { level: 1, name: "Developers" })).toBeVisible();
  const curl = page.getByTestId(`curl-${ORDER_SHIPPED_EVENT}`);
  await expect(curl).toContainText("curl -X POST http://localhost:3100/api/v1/events");
  await expect(curl).toContainText('"order_id": "<order_id>"');
  await expect(curl).toContainText('"tracking_url": "<tracking_url>"');
  await expect(page.getByTestId("error-codes")).toContainText("The API key is missing, unknown or revoked.");
  await expect(page.getByTestId("openapi-link")).toHaveAttribute("href", "/api/v1/openapi.json");

  const form = page.getByRole("form", { name: "Send a test event" });
  await form.getByLabel("API key").fill(key);
  await expect(form.getByLabel("Event")).toHaveValue(ORDER_SHIPPED_EVENT);
  await form.getByLabel("Contact's phone number").fill("+1 650 555 0178");
  await form.getByTestId("test-event-submit").click();
  const answer = form.getByTestId("test-event-answer");
  await expect(answer).toHaveAttribute("data-status", "202");
  await expect(answer.getByTestId("test-event-run")).toHaveAttribute("data-outcome", "started");
  await expect(answer.getByTestId("test-event-run")).toContainText("Order shipped: A run started.");
});

test("once revoked, the key is refused with 401", async ({ request }) => {
  await openSettingsTab(page, "API keys");
  const row = page.getByTestId("api-keys-table").locator("tbody > tr");
  await expect(row.getByTestId("api-key-status")).toHaveText("Active");
  await row.getByTestId("revoke-api-key").click();
  const confirm = page.getByTestId("revoke-api-key-dialog");
  await expect(confirm).toContainText("Revoke “Shop backend”?");
  await confirm.getByRole("button", { name: "Revoke" }).click();
  await expect(toast(page, "Key revoked")).toBeVisible();
  await expect(row.getByTestId("api-key-status")).toHaveText(/^Revoked /);
  await expect(row.getByTestId("revoke-api-key")).toHaveCount(0);

  const response = await request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}` },
    data: event("+1 650 555 0177"),
  });
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("UNAUTHORIZED");
});
