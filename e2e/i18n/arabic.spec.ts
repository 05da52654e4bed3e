import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUpWithWorkspace } from "../support/accounts";
import { sidebar } from "../support/shell";

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error("element has no box: is it visible?");
  return found;
}

function viewportWidth(page: Page): number {
  const size = page.viewportSize();
  if (!size) throw new Error("no viewport");
  return size.width;
}

test("switching to Arabic turns the workspace right-to-left with the sidebar on the right, and back", async ({
  page,
}) => {
  const { slug } = await signUpWithWorkspace(page);
  const html = page.locator("html");
  await expect(html).toHaveAttribute("dir", "ltr");
  const englishNav = await box(sidebar(page));
  const englishMain = await box(page.getByRole("main"));
  expect(englishNav.x).toBeLessThan(1);
  expect(englishMain.x).toBeGreaterThanOrEqual(englishNav.x + englishNav.width - 1);

  await page.getByTestId("locale-switcher").selectOption({ label: "العربية" });
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(html).toHaveAttribute("lang", "ar");
  const arabicSidebar = sidebar(page, "مساحة العمل");
  await expect(arabicSidebar.getByRole("link", { name: "مسارات العمل" })).toBeVisible();
  await expect(arabicSidebar.getByRole("link", { name: "الإعدادات" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "أتمت محادثاتك على واتساب" })).toBeVisible();

  const arabicNav = await box(arabicSidebar);
  const arabicMain = await box(page.getByRole("main"));
  expect(arabicNav.x + arabicNav.width).toBeGreaterThan(viewportWidth(page) - 1);
  expect(arabicNav.x).toBeGreaterThanOrEqual(arabicMain.x + arabicMain.width - 1);

  // the choice sticks: a full reload of another page is still Arabic
  await page.goto(`/w/${slug}/settings/members`);
  await expect(html).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "الإعدادات" })).toBeVisible();

  await page.getByTestId("locale-switcher").selectOption({ label: "English" });
  await expect(html).toHaveAttribute("dir", "ltr");
  await expect(html).toHaveAttribute("lang", "en");
  await expect(sidebar(page).getByRole("link", { name: "Flows" })).toBeVisible();
  expect((await box(sidebar(page))).x).toBeLessThan(1);
});
