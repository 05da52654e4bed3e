import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_OPT_OUT_KEYWORDS } from "@/lib/whatsapp/opt-out";
import { createFlowWorkspace } from "@/server/testing/flow-fixtures";
import { auditEntries, expectTRPCError, fieldErrors, openTestDatabase } from "@/server/testing/fixtures";

beforeAll(openTestDatabase);

describe("optOut settings", () => {
  it("start from the English and Arabic defaults; admins change and reset them, audited", async () => {
    const ws = await createFlowWorkspace("optout");
    const initial = await ws.viewer.caller.optOut.get({ workspaceSlug: ws.slug });
    expect(initial).toMatchObject({ customised: false, optOutKeywords: [...DEFAULT_OPT_OUT_KEYWORDS] });
    expect(initial.optOutKeywords).toContain("إيقاف");

    const saved = await ws.ownerCaller.optOut.update({
      workspaceSlug: ws.slug,
      optOutKeywords: ["STOP", "بس"],
      optInKeywords: ["START"],
    });
    expect(saved).toMatchObject({
      customised: true,
      optOutKeywords: ["STOP", "بس"],
      optInKeywords: ["START"],
    });
    expect(await auditEntries(ws.workspace, "opt_out.settings_update")).toHaveLength(1);

    const reset = await ws.ownerCaller.optOut.reset({ workspaceSlug: ws.slug });
    expect(reset.customised).toBe(false);
  });

  it("refuses a word in both lists and members below admin", async () => {
    const ws = await createFlowWorkspace("optout-bad");
    const error = await expectTRPCError(
      ws.ownerCaller.optOut.update({
        workspaceSlug: ws.slug,
        optOutKeywords: ["STOP"],
        optInKeywords: ["stop"],
      }),
      "BAD_REQUEST",
    );
    expect(Object.values(fieldErrors(error)).flat()).toContain("keywordInBothLists");
    await expectTRPCError(
      ws.editor.caller.optOut.update({ workspaceSlug: ws.slug, optOutKeywords: ["STOP"], optInKeywords: [] }),
      "FORBIDDEN",
    );
    expect((await ws.viewer.caller.optOut.get({ workspaceSlug: ws.slug })).customised).toBe(false);
  });
});
