import { describe, expect, it } from "vitest";
import type { TemplateSummary } from "../whatsapp/template";
import type { ConditionOperator } from "./condition";
import { HOUR, MINUTE, RunDriver, SARA, T0 } from "./engine-testing";
import type { RunContext } from "./engine-types";
import { readTime } from "./nodes/delay";
import type { FlowEdge, FlowNode } from "./schema";
import { SAMPLE_TEMPLATES } from "./starters";
import { edge, flow, keywordTrigger, node } from "./testing";

/** Each node type's step through the engine: every output, and every way it can fail. */

/** keyword trigger → subject, plus more nodes and edges; runs it with the event given. */
function runOf(
  subject: FlowNode,
  event: Record<string, unknown> = {},
  options: { extra?: FlowNode[]; edges?: FlowEdge[]; ctx?: Partial<RunContext> } = {},
) {
  const doc = flow(
    [keywordTrigger(), subject, ...(options.extra ?? [])],
    [edge("start", "next", subject.id), ...(options.edges ?? [])],
  );
  const run = new RunDriver(doc, options.ctx);
  run.start(event);
  return run;
}

const shipped = (variables: Record<string, string>, rest: Record<string, string> = {}) =>
  node("template-send", "send", { templateName: "order_shipped", language: "en_US", variables, ...rest });
const then = (id: string) => node("send-text", id, { text: id });

describe("template-send", () => {
  it("fills each variable of the template from the event, the contact and literals", () => {
    const run = runOf(
      shipped({
        "body.1": "{{contact.name}} ({{contact.attributes.tier}})",
        "body.2": "#{{event.order.id}}",
      }),
      {
        order: { id: 1042 },
      },
    );
    expect(run.effect).toEqual({
      type: "send",
      stepKey: "send:1",
      nodeId: "send",
      content: {
        type: "template",
        name: "order_shipped",
        language: "en_US",
        values: { "body.1": "Sara (gold)", "body.2": "#1042" },
      },
      marketing: false,
      purpose: "message",
    });
  });

  it("sends quick-reply payloads that are mapped, omits blank ones, and ignores keys the template lacks", () => {
    const run = runOf(
      shipped({
        "body.1": "a",
        "body.2": "b",
        "payload.0": "TRACK-{{event.id}}",
        "payload.1": "{{event.blank}}",
        "body.3": "{{event.nothing}}",
      }),
      { id: 7, blank: "" },
    );
    expect(run.effect).toMatchObject({
      content: { values: { "body.1": "a", "body.2": "b", "payload.0": "TRACK-7" } },
    });
  });

  it("uses the template's exact name and language even when the node's have stray spaces", () => {
    const run = runOf(
      shipped({ "body.1": "سارة", "body.2": "١٠٤٢" }, { templateName: " order_shipped ", language: "ar " }),
    );
    expect(run.effect).toMatchObject({
      content: { name: "order_shipped", language: "ar", values: { "body.1": "سارة", "body.2": "١٠٤٢" } },
    });
  });

  it("marks a marketing template's send as marketing, and fills a media header from the event", () => {
    const run = runOf(
      node("template-send", "send", {
        templateName: "weekly_offer",
        language: "en_US",
        variables: {
          "header.media": "{{event.image}}",
          "body.first_name": "{{contact.name}}",
          "body.offer": "10%",
        },
      }),
      { image: "https://cdn.example/a.jpg" },
    );
    expect(run.effect).toMatchObject({
      marketing: true,
      content: { values: { "header.media": "https://cdn.example/a.jpg", "body.first_name": "Sara" } },
    });
  });

  it("leaves through sent, or through failed with Meta's reason", () => {
    const extra = [then("ok"), then("ko")];
    const edges = [edge("send", "sent", "ok"), edge("send", "failed", "ko")];
    const sent = runOf(shipped({ "body.1": "a", "body.2": "b" }), {}, { extra, edges });
    sent.sent();
    expect(sent.effect).toMatchObject({ stepKey: "ok:1" });
    const failed = runOf(shipped({ "body.1": "a", "body.2": "b" }), {}, { extra, edges });
    failed.sendFailed(132001, "Template does not exist");
    expect(failed.effect).toMatchObject({ stepKey: "ko:1" });
    expect(failed.state.path[1]).toMatchObject({ handle: "failed", failure: { code: "send_failed" } });
  });

  it("fails the run naming the variable, its expression and every missing value", () => {
    const run = runOf(
      shipped({ "body.1": "{{contact.name}}", "body.2": "{{event.order.id}}/{{event.order.ref}}" }),
      { order: { id: null } },
      { extra: [then("ko")], edges: [edge("send", "failed", "ko")] },
    );
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "send",
          code: "missing_variable",
          message:
            "No value for event.order.id, event.order.ref (used in body.2: {{event.order.id}}/{{event.order.ref}}); the message was not sent",
          params: {
            field: "body.2",
            expression: "{{event.order.id}}/{{event.order.ref}}",
            paths: ["event.order.id", "event.order.ref"],
          },
        },
      },
    ]);
  });

  it("fails the run when a required variable is unmapped or fills in blank", () => {
    const unmapped = runOf(shipped({ "body.1": "{{contact.name}}", "body.2": "  " }));
    expect(unmapped.state.failure).toEqual({
      nodeId: "send",
      code: "variable_unmapped",
      message: "Template variable body.2 is not mapped to a value",
      params: { field: "body.2" },
    });
    const blank = runOf(shipped({ "body.1": "{{contact.name}}", "body.2": "{{event.id}}" }), { id: " " });
    expect(blank.state.failure).toMatchObject({
      code: "empty_variable",
      params: { field: "body.2", expression: "{{event.id}}" },
    });
  });

  it("takes the failed output when the template was paused since publishing", () => {
    const paused: TemplateSummary[] = SAMPLE_TEMPLATES.map((t) =>
      t.name === "order_shipped" ? { ...t, status: "PAUSED" } : t,
    );
    const run = runOf(
      shipped({ "body.1": "a", "body.2": "b" }),
      {},
      {
        extra: [then("ko")],
        edges: [edge("send", "failed", "ko")],
        ctx: { templates: paused },
      },
    );
    expect(run.effect).toMatchObject({ type: "send", stepKey: "ko:1" });
    expect(run.state.path[1]).toEqual({
      nodeId: "send",
      visit: 1,
      handle: "failed",
      at: T0,
      failure: {
        nodeId: "send",
        code: "template_unavailable",
        message: "Template “order_shipped” (en_US) cannot be sent: its status is PAUSED",
        params: { template: "order_shipped", language: "en_US", status: "PAUSED" },
      },
    });
  });

  it("fails the run when the template is unavailable and the failed output leads nowhere", () => {
    const paused = runOf(shipped({ "body.1": "a" }, { templateName: "old_promo" }));
    expect(paused.last.effects).toMatchObject([
      {
        type: "end",
        status: "failed",
        failure: { code: "template_unavailable", params: { status: "PAUSED" } },
      },
    ]);
    const gone = runOf(shipped({}, { templateName: "deleted" }), {}, { ctx: { templates: [] } });
    expect(gone.state.failure).toMatchObject({
      code: "template_unavailable",
      message: "Template “deleted” (en_US) does not exist in this workspace",
      params: { status: null },
    });
    const pending = runOf(shipped({ "body.1": "x" }, { templateName: "spring_sale" }));
    expect(pending.state.failure?.params).toMatchObject({ status: "PENDING" });
  });
});

describe("send-text", () => {
  it("sends the text filled from the run's scope", () => {
    const run = runOf(
      node("send-text", "hi", { text: "Hi {{contact.name}}, order {{event.id}} ({{contact.phone}})" }),
      {
        id: 5,
      },
    );
    expect(run.effect).toEqual({
      type: "send",
      stepKey: "hi:1",
      nodeId: "hi",
      content: { type: "text", body: `Hi Sara, order 5 (${SARA.phone})` },
      marketing: false,
      purpose: "message",
    });
    run.sent();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
  });

  it("fails the run on a missing value, an empty text or one too long for WhatsApp", () => {
    const missing = runOf(node("send-text", "t", { text: "Track: {{event.url}}" }));
    expect(missing.state.failure).toMatchObject({
      code: "missing_variable",
      params: { field: "text", expression: "Track: {{event.url}}", paths: ["event.url"] },
    });
    const empty = runOf(node("send-text", "t", { text: "{{event.note}}" }), { note: "   " });
    expect(empty.state.failure).toEqual({
      nodeId: "t",
      code: "message_empty",
      message: "The message (text) is empty once its values are filled in",
      params: { field: "text" },
    });
    const long = runOf(node("send-text", "t", { text: "{{event.note}}" }), { note: "😀".repeat(4097) });
    expect(long.state.failure).toMatchObject({
      code: "message_too_long",
      params: { field: "text", length: 4097, max: 4096 },
    });
    const fits = runOf(node("send-text", "t", { text: "{{event.note}}" }), { note: "😀".repeat(4096) });
    expect(fits.effect).toMatchObject({ type: "send" });
  });

  it("does not send outside the 24-hour window: failed output, or a failed run", () => {
    const text = node("send-text", "t", { text: "Hello" });
    for (const lastInboundAt of [null, T0 - 24 * HOUR]) {
      const run = runOf(text, {}, { ctx: { lastInboundAt } });
      expect(run.last.effects).toEqual([
        {
          type: "end",
          status: "failed",
          failure: {
            nodeId: "t",
            code: "outside_window",
            message:
              "Free-form messages can only be sent within 24 hours of the contact's last message; use a template",
            params: { lastInboundAt },
          },
        },
      ]);
    }
    const routed = runOf(
      text,
      {},
      {
        ctx: { lastInboundAt: null },
        extra: [node("template-send", "tpl", { templateName: "old_promo", language: "en_US" })],
        edges: [edge("t", "failed", "tpl")],
      },
    );
    expect(routed.state.path[1]).toMatchObject({ handle: "failed", failure: { code: "outside_window" } });
  });

  it("sends inside the window, or when the window is not known", () => {
    for (const lastInboundAt of [T0 - 24 * HOUR + MINUTE, T0, undefined]) {
      const run = runOf(node("send-text", "t", { text: "Hello" }), {}, { ctx: { lastInboundAt } });
      expect(run.effect, String(lastInboundAt)).toMatchObject({ type: "send" });
    }
  });

  it("counts a reply during the run as the contact's last message", () => {
    const doc = flow(
      [
        keywordTrigger(),
        node("wait-for-reply", "wait", {
          branches: [{ id: "any", kind: "any_text", label: "", button: "", keywords: [] }],
        }),
        node("delay", "later", { duration: { amount: 23, unit: "hours" } }),
        node("send-text", "t", { text: "You said: {{reply.text}}" }),
      ],
      [edge("start", "next", "wait"), edge("wait", "any", "later"), edge("later", "next", "t")],
    );
    const run = new RunDriver(doc, { lastInboundAt: T0 - 30 * HOUR });
    run.start();
    run.tick(HOUR).says("Is it ready?");
    run.tick(23 * HOUR).slept();
    expect(run.effect).toMatchObject({ type: "send", content: { body: "You said: Is it ready?" } });

    const late = new RunDriver(doc, { lastInboundAt: T0 - 30 * HOUR });
    late.start();
    late.says("Is it ready?");
    late.tick(24 * HOUR).slept();
    expect(late.state.failure?.code).toBe("outside_window");
  });
});

describe("opt-out", () => {
  const optOut = (config: Record<string, unknown>) => node("opt-out", "bye", config);

  it("asks for the suppression, then goes on through next", () => {
    const run = runOf(
      optOut({ scope: "all", notifyWorkspace: true }),
      {},
      {
        extra: [node("delay", "after")],
        edges: [edge("bye", "next", "after")],
      },
    );
    expect(run.last.effects).toEqual([
      { type: "suppress", stepKey: "bye:1", nodeId: "bye", scope: "all", notify: true },
    ]);
    expect(run.state.status).toBe("running");
    run.suppressed();
    expect(run.effect).toMatchObject({ type: "sleep", stepKey: "after:1" });
    expect(run.trail).toEqual(["start→next", "bye→next", "after→·"]);
  });

  it("completes after the suppression when nothing follows and nothing is to confirm", () => {
    const run = runOf(optOut({}));
    expect(run.effect).toMatchObject({ scope: "marketing", notify: false });
    run.suppressed();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
  });

  it("sends the filled confirmation after the suppression, with its own step key", () => {
    const run = runOf(
      optOut({ confirmationText: "Done, {{contact.name}}." }),
      {},
      { ctx: { lastInboundAt: T0 } },
    );
    run.suppressed();
    expect(run.last.effects).toEqual([
      {
        type: "send",
        stepKey: "bye:1:confirmation",
        nodeId: "bye",
        content: { type: "text", body: "Done, Sara." },
        marketing: false,
        purpose: "opt_out_confirmation",
      },
    ]);
    expect(run.state.at).toMatchObject({ stepKey: "bye:1:confirmation", effect: "send", sequence: 1 });
    expect(run.state.steps).toBe(3);
    run.feed({ type: "suppressed", stepKey: "bye:1" });
    expect(run.last.effects).toEqual([]);
    run.sent();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.state.path[1]).toEqual({ nodeId: "bye", visit: 1, handle: "next", at: T0 });
  });

  it("skips the confirmation outside the 24-hour window, and says so", () => {
    const run = runOf(optOut({ confirmationText: "Done" }), {}, { ctx: { lastInboundAt: T0 - 25 * HOUR } });
    run.suppressed();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.state.path[1]).toMatchObject({ handle: "next", notice: "confirmation_outside_window" });
  });

  it("goes on when the confirmation fails: the opt-out itself was recorded", () => {
    const run = runOf(optOut({ confirmationText: "Done" }));
    run.suppressed();
    run.sendFailed(131047, "Re-engagement message");
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.state.path[1]).toMatchObject({ handle: "next", notice: "confirmation_failed" });
    expect(run.state.failure).toBeUndefined();
  });

  it("fails the run when the confirmation needs a missing value", () => {
    const run = runOf(optOut({ confirmationText: "Bye {{event.brand}}" }));
    run.suppressed();
    expect(run.state.failure).toMatchObject({
      nodeId: "bye",
      code: "missing_variable",
      params: { field: "confirmationText", paths: ["event.brand"] },
    });
  });
});

describe("delay", () => {
  const until = (path: string, offsetMinutes = 0) =>
    node("delay", "d", { mode: "until", untilPath: path, offsetMinutes });

  it("sleeps for its duration in minutes, hours or days", () => {
    for (const [amount, unit, ms] of [
      [5, "minutes", 5 * MINUTE],
      [2, "hours", 2 * HOUR],
      [3, "days", 72 * HOUR],
    ] as const) {
      const run = runOf(node("delay", "d", { duration: { amount, unit } }));
      expect(run.last.effects).toEqual([{ type: "sleep", stepKey: "d:1", nodeId: "d", untilMs: T0 + ms }]);
      expect(run.state).toMatchObject({ status: "sleeping", at: { effect: "sleep", until: T0 + ms } });
    }
  });

  it("goes on through next once slept", () => {
    const run = runOf(
      node("delay", "d"),
      {},
      { extra: [then("after")], edges: [edge("d", "next", "after")] },
    );
    run.tick(HOUR).slept();
    expect(run.effect).toMatchObject({ stepKey: "after:1" });
    expect(run.state.path[1]).toMatchObject({ nodeId: "d", handle: "next", at: T0 });
  });

  it("sleeps until a time from the event, minus the offset", () => {
    const at = T0 + 48 * HOUR;
    for (const value of [new Date(at).toISOString(), at, String(at), "2025-05-15T13:00:00+04:00"]) {
      const run = runOf(until("event.appointment.at", 60), { appointment: { at: value } });
      expect(run.effect, String(value)).toEqual({
        type: "sleep",
        stepKey: "d:1",
        nodeId: "d",
        untilMs: at - HOUR,
      });
    }
  });

  it("goes on at once when that time is already past, or is now", () => {
    for (const value of [T0 - 1, T0, "2025-05-13"]) {
      const run = runOf(
        until("event.at"),
        { at: value },
        { extra: [then("next")], edges: [edge("d", "next", "next")] },
      );
      expect(run.effect, String(value)).toMatchObject({ type: "send", stepKey: "next:1" });
      expect(run.trail).toEqual(["start→next", "d→next", "next→·"]);
    }
    const dayBefore = runOf(until("event.at", 24 * 60), { at: T0 + 23 * HOUR });
    expect(dayBefore.last.effects).toEqual([{ type: "end", status: "completed" }]);
  });

  it("fails the run when the time is missing or is not a time", () => {
    expect(runOf(until("event.appointment_at")).state.failure?.code).toBe("until_missing");
    const missing = runOf(until("event.appointment_at"), { appointment_at: null });
    expect(missing.state.failure).toEqual({
      nodeId: "d",
      code: "until_missing",
      message: "The time to wait for (event.appointment_at) is missing from the run's data",
      params: { path: "event.appointment_at" },
    });
    for (const [value, shown] of [
      ["next Tuesday", "next Tuesday"],
      [true, "true"],
      [{ date: "2025-05-14" }, '{"date":"2025-05-14"}'],
      [Number.NaN, "NaN"],
    ] as const) {
      const run = runOf(until("event.at"), { at: value });
      expect(run.state.failure, shown).toMatchObject({
        code: "until_invalid",
        params: { path: "event.at", value: shown },
      });
    }
  });
});

describe("reading a time from the context", () => {
  it("reads epoch milliseconds and ISO 8601, a time without an offset as UTC", () => {
    expect(readTime(1747126800000)).toBe(1747126800000);
    expect(readTime(" 1747126800000 ")).toBe(1747126800000);
    expect(readTime("2025-05-13T09:00:00Z")).toBe(T0);
    expect(readTime("2025-05-13t09:00:00z")).toBe(T0);
    expect(readTime("2025-05-13T09:00:00.250Z")).toBe(T0 + 250);
    expect(readTime("2025-05-13T09:00")).toBe(T0);
    expect(readTime("2025-05-13 09:00:00")).toBe(T0);
    expect(readTime("2025-05-13T13:00:00+04:00")).toBe(T0);
    expect(readTime("2025-05-13T13:00:00+0400")).toBe(T0);
    expect(readTime("2025-05-13T13:00+04")).toBe(T0);
    expect(readTime("2025-05-13T04:30:00-04:30")).toBe(T0);
    expect(readTime("2025-05-13")).toBe(Date.UTC(2025, 4, 13));
  });

  it("refuses epoch values that are surely seconds or compact dates, not milliseconds", () => {
    expect(readTime(1747126800)).toBeUndefined();
    expect(readTime("1747126800")).toBeUndefined();
    expect(readTime(20250513)).toBeUndefined();
    expect(readTime("20250513")).toBeUndefined();
    expect(readTime(-T0)).toBeUndefined();
    expect(readTime(100_000_000_000)).toBe(100_000_000_000);
  });

  it("refuses anything else", () => {
    for (const value of [
      "",
      "soon",
      "13/05/2025",
      "2025-13-45T99:99",
      "2025-05-13T09",
      Infinity,
      null,
      {},
      [],
      true,
    ]) {
      expect(readTime(value), String(value)).toBeUndefined();
    }
  });
});

describe("condition", () => {
  const rule = (path: string, op: ConditionOperator, value = "", values: string[] = []) => ({
    path,
    op,
    value,
    values,
  });
  const branching = (config: Record<string, unknown>, event: Record<string, unknown>) =>
    runOf(node("condition", "c", config), event, {
      extra: [then("yes"), then("no")],
      edges: [edge("c", "true", "yes"), edge("c", "false", "no")],
    });

  it("leaves through true or false as its rules decide", () => {
    const config = {
      match: "all",
      rules: [rule("event.total", "gt", "100"), rule("contact.attributes.tier", "in", "", ["Gold", "VIP"])],
    };
    expect(branching(config, { total: "150" }).effect).toMatchObject({ stepKey: "yes:1" });
    expect(branching(config, { total: "99" }).effect).toMatchObject({ stepKey: "no:1" });
    expect(branching({ ...config, match: "any" }, { total: "99" }).effect).toMatchObject({
      stepKey: "yes:1",
    });
    expect(branching(config, { total: "150" }).trail).toEqual(["start→next", "c→true", "yes→·"]);
  });

  it("compares Arabic text regardless of diacritics, and numbers written in Arabic-Indic digits", () => {
    const config = { rules: [rule("event.city", "equals", "دبي"), rule("event.qty", "gte", "3")] };
    expect(branching(config, { city: "دُبَيّ", qty: "٣" }).effect).toMatchObject({ stepKey: "yes:1" });
    expect(branching(config, { city: "أبوظبي", qty: "٣" }).effect).toMatchObject({ stepKey: "no:1" });
  });

  it("completes the run when the output taken leads nowhere", () => {
    const run = runOf(
      node("condition", "c", { rules: [rule("event.x", "exists")] }),
      {},
      {
        extra: [then("yes")],
        edges: [edge("c", "true", "yes")],
      },
    );
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.trail).toEqual(["start→next", "c→false"]);
  });
});
