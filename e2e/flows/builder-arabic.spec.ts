import { expect, test, type Locator } from "@playwright/test";
import { signUpWithWorkspace } from "../support/accounts";
import {
  builderReady,
  canvas,
  canvasNode,
  outputHandle,
  selectNode,
  type NodeType,
} from "../support/builder";
import { trpcMutation } from "../support/trpc";

const ARABIC_STEP_NAMES: Record<NodeType, string> = {
  trigger: "مُشغِّل",
  condition: "شرط",
  "template-send": "إرسال قالب",
  "wait-for-reply": "انتظار الرد",
  "opt-out": "إلغاء الاشتراك",
  delay: "تأخير",
  "send-text": "إرسال نص",
};

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("element has no box: is it visible?");
  return found;
}

test("in Arabic the builder speaks Arabic, mirrors its panels (settings on the left) and keeps the canvas left-to-right", async ({
  page,
}) => {
  const { slug } = await signUpWithWorkspace(page);
  const created = await trpcMutation(page.request, "flow.create", {
    workspaceSlug: slug,
    name: "Order shipped notice",
    starter: "order-shipped",
  });
  const { id } = created.data as { id: string };

  await page.getByTestId("locale-switcher").selectOption({ label: "العربية" });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.goto(`/w/${slug}/flows/${id}`);
  await builderReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");

  const palette = page.getByRole("complementary", { name: "الخطوات" });
  for (const [type, name] of Object.entries(ARABIC_STEP_NAMES)) {
    await expect(palette.getByTestId(`palette-${type}`)).toContainText(name);
  }
  await expect(page.getByRole("tab", { name: "الخطوة" })).toBeVisible();
  await expect(page.getByRole("tab", { name: /^المشكلات/ })).toBeVisible();
  await expect(page.getByTestId("toolbar-publish")).toHaveText("نشر");
  await expect(canvasNode(page, "template-send")).toContainText("أُرسلت");
  await expect(canvasNode(page, "trigger")).toContainText("حدث من نظامك");

  const panel = await selectNode(page, "template-send");
  await expect(panel).toContainText("يرسل قالب رسالة واتساب معتمدًا.");
  await expect(panel.getByLabel("القالب", { exact: true })).toHaveValue("order_shipped|en_US");

  // the page mirrors: palette on the right, settings on the left of the canvas
  const sidePanel = await box(page.locator("[data-builder-panel]"));
  const paletteBox = await box(palette);
  const canvasBox = await box(canvas(page));
  expect(sidePanel.x + sidePanel.width).toBeLessThanOrEqual(canvasBox.x + 1);
  expect(paletteBox.x).toBeGreaterThanOrEqual(canvasBox.x + canvasBox.width - 1);

  // the canvas does not: branch outputs keep their left-to-right order (branch order, then the timeout)
  await expect(canvas(page)).toHaveAttribute("dir", "ltr");
  const wait = canvasNode(page, "wait-for-reply");
  const track = await box(outputHandle(wait, { id: "track" }));
  const talk = await box(outputHandle(wait, { id: "talk" }));
  const timeout = await box(outputHandle(wait, { id: "timeout" }));
  expect(track.x).toBeLessThan(talk.x);
  expect(talk.x).toBeLessThan(timeout.x);
});
