import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import arabic from "../i18n/messages/findings.ar.json";
import english from "../i18n/messages/findings.en.json";
import { FINDING_CODES, FINDING_SEVERITIES, findingMessageKey, type FindingCode } from "./findings";
import type { ConditionRule } from "./condition";
import type { FlowDocument } from "./schema";
import { SAMPLE_TEMPLATES } from "./starters";
import { around, check, edge, flow, keywordTrigger, node } from "./testing";

const rule = (r: Partial<ConditionRule>): ConditionRule => ({
  path: "event.x",
  op: "equals",
  value: "",
  values: [],
  ...r,
});
const say = (id: string, text = "Hello") => node("send-text", id, { text });
const branch = (
  id: string,
  kind: "button" | "keywords" | "any_text",
  extra: { button?: string; keywords?: string[] } = {},
) => ({
  id,
  kind,
  label: "",
  button: extra.button ?? "",
  keywords: extra.keywords ?? [],
});
const wait = (branches: ReturnType<typeof branch>[], hours = 23) =>
  node("wait-for-reply", "wait", { branches, timeout: { amount: hours, unit: "hours" } });
const template = (templateName: string, variables: Record<string, string> = {}, language = "en_US") =>
  node("template-send", "send", { templateName, language, variables });
const eventTrigger = node("trigger", "start", { kind: "event", eventName: "order.shipped" });
const longConfirmation = () => {
  const optOut = node("opt-out", "stop");
  if (optOut.type === "opt-out") optOut.config.confirmationText = "x".repeat(5000);
  return around(optOut);
};

/** One document producing each code: every code can actually be reported. */
const EXAMPLES: Record<FindingCode, () => FlowDocument> = {
  "flow.empty": () => flow([]),
  "flow.invalid": () => ({ ...flow([]), nodes: [{ id: "x", type: "nope" }] }) as unknown as FlowDocument,
  "flow.no_trigger": () => flow([say("a")]),
  "flow.extra_trigger": () =>
    flow(
      [keywordTrigger("a"), keywordTrigger("b"), say("c")],
      [edge("a", "next", "c"), edge("b", "next", "c")],
    ),
  "flow.cycle_without_pause": () =>
    around(
      node("condition", "c", { rules: [rule({ op: "exists" })] }),
      [say("s")],
      [edge("c", "true", "s"), edge("s", "sent", "c")],
    ),
  "node.duplicate_id": () => around(say("a"), [say("a")]),
  "node.unreachable": () => around(say("a"), [say("b")]),
  "node.required_output_unconnected": () => flow([keywordTrigger()]),
  "edge.duplicate_id": () =>
    around(say("a"), [say("b")], [{ id: "start--next--a", source: "a", sourceHandle: "sent", target: "b" }]),
  "edge.source_missing": () => around(say("a"), [], [edge("ghost", "next", "a")]),
  "edge.target_missing": () => around(say("a"), [], [edge("a", "sent", "ghost")]),
  "edge.unknown_handle": () => around(say("a"), [say("b")], [edge("a", "true", "b")]),
  "edge.handle_taken": () =>
    around(say("a"), [say("b"), say("c")], [edge("a", "sent", "b"), edge("a", "sent", "c")]),
  "edge.into_trigger": () => around(say("a"), [], [edge("a", "sent", "start")]),
  "edge.self_loop": () => around(say("a"), [], [edge("a", "sent", "a")]),
  "expression.unclosed": () => around(say("a", "{{contact.name")),
  "expression.empty": () => around(say("a", "{{ }}")),
  "expression.invalid": () => around(say("a", "{{contact name}}")),
  "expression.unknown_root": () => around(say("a", "{{user.name}}")),
  "rule.path_missing": () => around(node("condition", "c", { rules: [rule({ path: "" })] })),
  "rule.path_invalid": () => around(node("condition", "c", { rules: [rule({ path: "a b" })] })),
  "rule.unknown_root": () => around(node("condition", "c", { rules: [rule({ path: "order.id" })] })),
  "rule.value_missing": () => around(node("condition", "c", { rules: [rule({ op: "contains" })] })),
  "rule.number_expected": () => around(node("condition", "c", { rules: [rule({ op: "gt", value: "x" })] })),
  "rule.regex_invalid": () => around(node("condition", "c", { rules: [rule({ op: "regex", value: "(" })] })),
  "rule.values_missing": () => around(node("condition", "c", { rules: [rule({ op: "in" })] })),
  "trigger.event_name_missing": () =>
    flow([node("trigger", "t", { kind: "event" }), say("a")], [edge("t", "next", "a")]),
  "trigger.event_name_invalid": () =>
    flow([node("trigger", "t", { kind: "event", eventName: "a b" }), say("a")], [edge("t", "next", "a")]),
  "trigger.keywords_missing": () =>
    flow([node("trigger", "t", { kind: "keyword" }), say("a")], [edge("t", "next", "a")]),
  "condition.rules_missing": () => around(node("condition", "c")),
  "template.not_chosen": () => around(template("")),
  "template.not_found": () => around(template("nope")),
  "template.language_unavailable": () => around(template("order_shipped", {}, "fr")),
  "template.not_approved": () => around(template("spring_sale", { "body.1": "x" })),
  "template.paused": () => around(template("old_promo", { "body.1": "x" })),
  "template.disabled": () => around(template("old_promo", { "body.1": "x" })),
  "template.variable_unmapped": () => around(template("order_shipped")),
  "template.variable_unknown": () => around(template("old_promo", { "body.1": "x", "body.9": "y" })),
  "template.media_url_invalid": () =>
    around(template("weekly_offer", { "header.media": "pic", "body.first_name": "a", "body.offer": "b" })),
  "wait.branches_missing": () => around(wait([])),
  "wait.timeout_too_long": () => around(wait([branch("a", "any_text")], 30)),
  "wait.branch_id_duplicate": () =>
    around(wait([branch("a", "any_text"), branch("a", "keywords", { keywords: ["x"] })])),
  "wait.branch_id_reserved": () => around(wait([branch("timeout", "any_text")])),
  "wait.button_missing": () => around(wait([branch("a", "button")])),
  "wait.button_duplicate": () =>
    around(wait([branch("a", "button", { button: "Yes" }), branch("b", "button", { button: "Yes" })])),
  "wait.button_not_in_template": () =>
    flow(
      [
        keywordTrigger(),
        template("order_shipped", { "body.1": "a", "body.2": "b" }),
        wait([branch("a", "button", { button: "Nope" })]),
      ],
      [edge("start", "next", "send"), edge("send", "sent", "wait")],
    ),
  "wait.keywords_missing": () => around(wait([branch("a", "keywords")])),
  "wait.keyword_duplicate": () =>
    around(
      wait([branch("a", "keywords", { keywords: ["x"] }), branch("b", "keywords", { keywords: ["X"] })]),
    ),
  "wait.any_text_duplicate": () => around(wait([branch("a", "any_text"), branch("b", "any_text")])),
  "wait.branches_unconnected": () => around(wait([branch("a", "any_text")])),
  "opt_out.confirmation_too_long": longConfirmation,
  "opt_out.send_after_all": () =>
    around(node("opt-out", "o", { scope: "all" }), [say("a")], [edge("o", "next", "a")]),
  "opt_out.confirmation_outside_window": () =>
    flow([eventTrigger, node("opt-out", "o", { confirmationText: "Done" })], [edge("start", "next", "o")]),
  "delay.until_path_missing": () => around(node("delay", "d", { mode: "until" })),
  "delay.until_path_invalid": () => around(node("delay", "d", { mode: "until", untilPath: "{{event.at}}" })),
  "delay.until_unknown_root": () => around(node("delay", "d", { mode: "until", untilPath: "booking.at" })),
  "delay.too_long": () => around(node("delay", "d", { duration: { amount: 45, unit: "days" } })),
  "send_text.empty": () => around(say("a", "")),
  "send_text.too_long": () => around(say("a", "x".repeat(5000))),
  "send_text.outside_window": () => flow([eventTrigger, say("a")], [edge("start", "next", "a")]),
};

/** The samples have no disabled template: that example disables the paused one. */
function findingsOf(code: FindingCode) {
  const templates =
    code === "template.disabled"
      ? SAMPLE_TEMPLATES.map((t) => (t.name === "old_promo" ? { ...t, status: "DISABLED" as const } : t))
      : SAMPLE_TEMPLATES;
  return check(EXAMPLES[code](), templates);
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]).sort();

describe("finding codes", () => {
  it("has an English and an Arabic message for every code, and no message without a code", () => {
    const keys = FINDING_CODES.map(findingMessageKey).sort();
    expect(Object.keys(english).sort()).toEqual(keys);
    expect(Object.keys(arabic).sort()).toEqual(keys);
  });

  it("uses the same placeholders in English and Arabic", () => {
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      expect(placeholders(arabic[key]), key).toEqual(placeholders(english[key]));
    }
  });

  it("keeps English messages to plain {param} placeholders, which the validator fills itself", () => {
    for (const text of Object.values(english)) expect(text).not.toMatch(/\{\w+,|'/);
  });

  it.each(FINDING_CODES)("reports %s with its severity and the params its messages need", (code) => {
    const findings = findingsOf(code);
    const found = findings.find((f) => f.code === code);
    expect(found, `no ${code} among ${findings.map((f) => f.code).join(", ")}`).toBeDefined();
    if (!found) return;
    expect(found.severity).toBe(FINDING_SEVERITIES[code]);
    const key = findingMessageKey(code) as keyof typeof english;
    const names = placeholders(english[key]) as string[];
    for (const name of names) {
      expect(found.params, `${code} needs ${name}`).toHaveProperty(name);
      expect(found.message).not.toContain(`{${name}}`);
    }
    for (const [locale, messages] of [
      ["en", english],
      ["ar", arabic],
    ] as const) {
      const t = createTranslator({
        locale,
        messages: { findings: messages },
        namespace: "findings",
        onError: (error) => {
          throw error;
        },
      });
      const text = t(key, found.params ?? {});
      for (const name of names) expect(text).not.toContain(`{${name}}`);
    }
  });
});
