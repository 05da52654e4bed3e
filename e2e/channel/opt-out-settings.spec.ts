import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { newPerson, newTestUser, signUpWithWorkspace, type Owner, type TestUser } from "../support/accounts";
import { acceptBySigningUp, inviteTeammate } from "../support/invitations";
import { openSettingsTab, toast } from "../support/shell";
import { trpcMutation } from "../support/trpc";

// The owner adds a keyword of their own to the opt-out list; a viewer sees the lists but cannot change them.
test.describe.configure({ mode: "serial" });

const KEYWORD = "BASTA";

let ownerContext: BrowserContext;
let ownerPage: Page;
let viewerContext: BrowserContext;
let viewerPage: Page;
let owner: Owner;
let viewer: TestUser;

test.beforeAll(async ({ browser }) => {
  ({ context: ownerContext, page: ownerPage } = await newPerson(browser));
  ({ context: viewerContext, page: viewerPage } = await newPerson(browser));
  viewer = newTestUser("viewer");
});

test.afterAll(async () => {
  await ownerContext?.close();
  await viewerContext?.close();
});

test("an owner adds a custom opt-out keyword, saves, and it is still there after a reload", async () => {
  owner = await signUpWithWorkspace(ownerPage);
  await openSettingsTab(ownerPage, "Opt-out");
  await expect(ownerPage.getByTestId("opt-out-customised")).toHaveText("Using the defaults");
  const optOut = ownerPage.getByTestId("opt-out-keywords");
  await expect(optOut.getByTestId("keyword").filter({ hasText: "STOP" }).first()).toBeVisible();
  await expect(optOut.getByTestId("keyword").filter({ hasText: "إيقاف" })).toHaveCount(1);
  await expect(ownerPage.getByText("“Stop promotions” button")).toBeVisible();

  await optOut.getByLabel("Add a keyword to “Stop all messages”").fill(KEYWORD);
  await optOut.getByLabel("Add a keyword to “Stop all messages”").press("Enter");
  await expect(optOut.getByTestId("keyword").filter({ hasText: KEYWORD })).toHaveCount(1);

  // the same word cannot also restart messages: the shared schema says so before saving
  const optIn = ownerPage.getByTestId("opt-in-keywords");
  await optIn.getByLabel("Add a keyword to “Receive messages again”").fill(KEYWORD.toLowerCase());
  await optIn.getByRole("button", { name: "Add", exact: true }).click();
  await expect(optIn.getByRole("alert")).toContainText("This keyword is already an opt-out keyword");
  await optIn.getByRole("button", { name: `Remove ${KEYWORD.toLowerCase()}` }).click();
  await expect(optIn.getByRole("alert")).toHaveCount(0);

  await ownerPage.getByTestId("opt-out-save").click();
  await expect(toast(ownerPage, "Keywords saved")).toBeVisible();
  await expect(ownerPage.getByTestId("opt-out-customised")).toHaveText("Customised");

  await ownerPage.reload();
  await expect(
    ownerPage.getByTestId("opt-out-keywords").getByTestId("keyword").filter({ hasText: KEYWORD }),
  ).toHaveCount(1);
  await expect(ownerPage.getByTestId("opt-out-customised")).toHaveText("Customised");
});

test("a viewer sees the keywords read-only, and the server refuses their update", async () => {
  const link = await inviteTeammate(ownerPage, viewer.email, "Viewer");
  await acceptBySigningUp(viewerPage, link, viewer, owner.slug);
  await viewerPage.goto(`/w/${owner.slug}/settings/opt-out`);

  const optOut = viewerPage.getByTestId("opt-out-keywords");
  await expect(optOut.getByTestId("keyword").filter({ hasText: KEYWORD })).toHaveCount(1);
  await expect(viewerPage.getByTestId("opt-out-readonly")).toHaveText(
    "Only admins and owners can change the keywords.",
  );
  await expect(viewerPage.getByRole("textbox")).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  await expect(viewerPage.getByTestId("opt-out-save")).toHaveCount(0);
  await expect(viewerPage.getByTestId("opt-out-reset")).toHaveCount(0);

  const answer = await trpcMutation(viewerPage.request, "optOut.update", {
    workspaceSlug: owner.slug,
    optOutKeywords: ["STOP"],
    optInKeywords: [],
  });
  expect(answer.status).toBe(403);
  expect(answer.errorCode).toBe("FORBIDDEN");
  await viewerPage.reload();
  await expect(
    viewerPage.getByTestId("opt-out-keywords").getByTestId("keyword").filter({ hasText: KEYWORD }),
  ).toHaveCount(1);
});
