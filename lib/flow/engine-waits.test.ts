import { describe, expect, it } from "vitest";
import { HOUR, MINUTE, RunDriver, T0 } from "./engine-testing";
import { matchReplyBranch, type ReplyBranch } from "./nodes/wait-for-reply";
import type { FlowEdge, FlowNode } from "./schema";
import { edge, flow, keywordTrigger, node } from "./testing";

/** wait-for-reply through the engine: which branch a reply chooses, unmatched replies, timeouts. */

const button = (id: string, text: string): ReplyBranch => ({
  id,
  kind: "button",
  label: "",
  button: text,
  keywords: [],
});
const keywords = (id: string, ...words: string[]): ReplyBranch => ({
  id,
  kind: "keywords",
  label: "",
  button: "",
  keywords: words,
});
const anyText = (id = "any"): ReplyBranch => ({ id, kind: "any_text", label: "", button: "", keywords: [] });
const typed = (text: string) => ({ text, buttonId: null });
const tapped = (text: string, buttonId = text) => ({ text, buttonId });

/** keyword trigger → wait (branches, 1 hour) → one send-text per branch and one for the timeout. */
function waitFor(branches: ReplyBranch[], extra: FlowNode[] = [], extraEdges: FlowEdge[] = []) {
  const doc = flow(
    [
      keywordTrigger(),
      node("wait-for-reply", "wait", { timeout: { amount: 60, unit: "minutes" }, branches }),
      ...branches.map((b) => node("send-text", `on-${b.id}`, { text: `chose ${b.id}` })),
      node("send-text", "on-timeout", { text: "too late" }),
      ...extra,
    ],
    [
      edge("start", "next", "wait"),
      ...branches.map((b) => edge("wait", b.id, `on-${b.id}`)),
      edge("wait", "timeout", "on-timeout"),
      ...extraEdges,
    ],
  );
  const run = new RunDriver(doc);
  run.start();
  return run;
}

/** The node the run went to after the wait ("" while still waiting). */
function chosen(run: RunDriver): string {
  const effect = run.effect;
  return effect?.type === "send" ? effect.nodeId : "";
}

describe("waiting for a reply", () => {
  it("waits for the node's timeout", () => {
    const run = waitFor([anyText()]);
    expect(run.last.effects).toEqual([
      { type: "wait_for_reply", stepKey: "wait:1", nodeId: "wait", timeoutMs: HOUR, untilMs: T0 + HOUR },
    ]);
    expect(run.state).toMatchObject({
      status: "waiting",
      at: {
        nodeId: "wait",
        visit: 1,
        stepKey: "wait:1",
        effect: "wait_for_reply",
        sequence: 0,
        until: T0 + HOUR,
      },
    });
    const hours = new RunDriver(
      flow(
        [
          keywordTrigger(),
          node("wait-for-reply", "w", { timeout: { amount: 23, unit: "hours" }, branches: [anyText()] }),
        ],
        [edge("start", "next", "w")],
      ),
    );
    hours.start();
    expect(hours.effect).toMatchObject({ timeoutMs: 23 * HOUR });
  });

  it("leaves through timeout when the time is up, and completes when that leads nowhere", () => {
    const run = waitFor([anyText()]);
    run.tick(HOUR).timeout();
    expect(chosen(run)).toBe("on-timeout");
    expect(run.state.scope.reply).toBeUndefined();

    const bare = new RunDriver(
      flow(
        [keywordTrigger(), node("wait-for-reply", "w", { branches: [anyText()] })],
        [edge("start", "next", "w")],
      ),
    );
    bare.start();
    bare.timeout();
    expect(bare.last.effects).toEqual([{ type: "end", status: "completed" }]);
  });

  it("follows a tapped quick reply by its payload or by its text", () => {
    const branches = [button("track", "Track order"), button("talk", "TALK")];
    const byText = waitFor(branches);
    byText.reply({ ...tapped("Track order", "custom-payload-1"), type: "button" });
    expect(chosen(byText)).toBe("on-track");
    const byPayload = waitFor(branches);
    byPayload.reply({ ...tapped("Talk to us", "TALK"), type: "button" });
    expect(chosen(byPayload)).toBe("on-talk");
  });

  it("remembers the reply that chose the branch, for {{reply.…}} and conditions later on", () => {
    const run = waitFor(
      [keywords("yes", "نعم", "yes")],
      [
        node("condition", "said-arabic", {
          rules: [{ path: "reply.text", op: "regex", value: "\\p{Script=Arabic}", values: [] }],
        }),
        node("send-text", "echo", { text: "You said {{reply.text}} ({{reply.type}})" }),
      ],
      [edge("on-yes", "sent", "said-arabic"), edge("said-arabic", "true", "echo")],
    );
    run.tick(5 * MINUTE).reply({ text: "نَعَم", buttonId: null, type: "text" });
    expect(run.state.scope.reply).toEqual({ text: "نَعَم", buttonId: null, type: "text", at: T0 + 5 * MINUTE });
    run.sent();
    expect(run.effect).toMatchObject({ stepKey: "echo:1", content: { body: "You said نَعَم (text)" } });
  });

  it("keeps waiting until the same deadline when a reply matches no branch", () => {
    const run = waitFor([button("confirm", "Confirm"), keywords("stop", "stop")]);
    run.tick(10 * MINUTE).says("What time was it again?");
    expect(run.last.effects).toEqual([
      {
        type: "wait_for_reply",
        stepKey: "wait:1:again-1",
        nodeId: "wait",
        timeoutMs: 50 * MINUTE,
        untilMs: T0 + HOUR,
      },
    ]);
    expect(run.state).toMatchObject({
      status: "waiting",
      at: { stepKey: "wait:1:again-1", visit: 1, sequence: 1, until: T0 + HOUR },
    });
    expect(run.state.scope.reply).toBeUndefined();
    expect(run.trail).toEqual(["start→next", "wait→·"]);

    const before = run.state;
    run.feed({
      type: "reply",
      stepKey: "wait:1",
      reply: { text: "Confirm", buttonId: "Confirm", type: "button" },
    });
    expect(run.state).toBe(before);

    run.tick(10 * MINUTE).reply({ text: null, buttonId: null, type: "sticker" });
    expect(run.effect).toMatchObject({ stepKey: "wait:1:again-2", timeoutMs: 40 * MINUTE });
    run.taps("Confirm");
    expect(chosen(run)).toBe("on-confirm");
    expect(run.trail).toEqual(["start→next", "wait→confirm", "on-confirm→·"]);
  });

  it("times out a resumed wait through the same timeout output", () => {
    const run = waitFor([keywords("stop", "stop")]);
    run.says("hello");
    run.tick(HOUR).timeout();
    expect(chosen(run)).toBe("on-timeout");
  });

  it("leaves through timeout when an unmatched reply arrives at or after the deadline", () => {
    const run = waitFor([keywords("stop", "stop")]);
    run.tick(HOUR).says("hello");
    expect(chosen(run)).toBe("on-timeout");
  });

  it("keeps waiting on any reply when it has no branches (a document published without validation)", () => {
    const run = waitFor([]);
    run.says("hi");
    expect(run.effect).toMatchObject({ type: "wait_for_reply", stepKey: "wait:1:again-1" });
  });
});

describe("which branch a reply chooses", () => {
  it("matches a whole message to keywords, ignoring case, diacritics, tatweel, spacing and surrounding punctuation", () => {
    const branches = [keywords("yes", "Yes", "نعم", "oui d'accord"), keywords("no", "no")];
    for (const text of ["yes", "  YES ", "Yes!", "«نعم»", "نَعَم", "نعـــم", "yes 👍", "Oui   d'accord"]) {
      expect(matchReplyBranch(branches, typed(text))?.id, text).toBe("yes");
    }
    for (const text of ["yes please", "not yes", "", "   ", "!!!"]) {
      expect(matchReplyBranch(branches, typed(text)), text).toBeUndefined();
    }
    expect(matchReplyBranch([keywords("q", "?")], typed("?"))?.id).toBe("q");
  });

  it("takes a typed button text as the tap it spells", () => {
    expect(matchReplyBranch([button("c", "Confirm")], typed("confirm"))?.id).toBe("c");
    expect(matchReplyBranch([button("c", "تأكيد")], typed("تأكيــد"))?.id).toBe("c");
  });

  it("prefers a tapped button's payload, then the first branch drawn, then any text", () => {
    const branches = [keywords("kw", "Confirm"), button("btn", "Confirm"), anyText()];
    expect(matchReplyBranch(branches, tapped("Confirm"))?.id).toBe("btn");
    expect(matchReplyBranch(branches, typed("Confirm"))?.id).toBe("kw");
    expect(matchReplyBranch(branches, tapped("Confirm", "other-payload"))?.id).toBe("kw");
    expect(matchReplyBranch(branches, typed("something else"))?.id).toBe("any");
    expect(matchReplyBranch([anyText("first"), keywords("kw", "hi")], typed("hi"))?.id).toBe("kw");
  });

  it("lets any text catch a caption or an unknown tap, but not media without text", () => {
    const branches = [button("b", "Yes"), anyText()];
    expect(matchReplyBranch(branches, { text: "look at this", buttonId: null })?.id).toBe("any");
    expect(matchReplyBranch(branches, tapped("Maybe"))?.id).toBe("any");
    expect(matchReplyBranch(branches, { text: null, buttonId: null })).toBeUndefined();
    expect(matchReplyBranch(branches, { text: null, buttonId: "yes" })?.id).toBe("b");
    expect(matchReplyBranch(branches, { text: null, buttonId: "  " })).toBeUndefined();
  });

  it("ignores button branches whose button is blank", () => {
    expect(matchReplyBranch([button("blank", "  ")], tapped("  ", "  "))).toBeUndefined();
    expect(matchReplyBranch([button("blank", ""), anyText()], typed("x"))?.id).toBe("any");
  });
});
