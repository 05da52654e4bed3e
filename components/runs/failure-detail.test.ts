import { describe, expect, it } from "vitest";
import type { EngineFailureCode, EngineFailureParams } from "@/lib/flow/engine";
import ar from "@/lib/i18n/messages/runs.ar.json";
import en from "@/lib/i18n/messages/runs.en.json";
import { failureDetailSource } from "./failure-detail";

/** A failure of each code as the engine stores it (params per engine-failures.ts). */
const SAMPLES: { [C in EngineFailureCode]: EngineFailureParams[C] } = {
  missing_variable: { field: "body.1", expression: "{{contact.name}}", paths: ["contact.name"] },
  empty_variable: { field: "body.2", expression: "{{event.order_id}}" },
  variable_unmapped: { field: "body.3" },
  message_empty: { field: "text" },
  message_too_long: { field: "text", length: 4200, max: 4096 },
  outside_window: { lastInboundAt: Date.UTC(2025, 4, 12, 9) },
  template_unavailable: { template: "order_shipped", language: "en_US", status: "PAUSED" },
  send_failed: { code: 131047, message: "Re-engagement message" },
  until_missing: { path: "event.appointment_at" },
  until_invalid: { path: "event.appointment_at", value: "soon" },
  step_limit: { limit: 1000 },
  opted_out: { scope: "marketing" },
  cancelled: { reason: "duplicate order" },
  trigger_missing: { triggerNodeId: "start" },
  filter_not_matched: { eventName: "order.shipped" },
  node_missing: { nodeId: "gone" },
  unknown_node_type: { type: "send-email" },
  invalid_config: { type: "delay", detail: "amount: Expected number" },
  version_unsupported: { version: 2, supported: 1 },
  state_invalid: { detail: "a condition step has no outstanding effect" },
  engine_error: { detail: "boom" },
};

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

describe("translating a run failure from its code and params", () => {
  it("has a sentence in English and Arabic for every engine failure, fed every value it names", () => {
    for (const [code, params] of Object.entries(SAMPLES)) {
      const source = failureDetailSource(code, params);
      expect(source, code).not.toBeNull();
      if (source?.kind !== "detail") continue;
      for (const messages of [en.failureDetails, ar.failureDetails]) {
        const text = (messages as Record<string, string>)[source.key];
        expect(text, `${code} → ${source.key}`).toBeTypeOf("string");
        for (const name of placeholders(text ?? ""))
          expect(source.values, `${source.key}: ${name}`).toHaveProperty(name ?? "");
      }
    }
  });

  it("sends Meta's refusals to the Meta error table, and the send service's reasons to theirs", () => {
    expect(failureDetailSource("send_failed", { code: 131047, message: "x" })).toEqual({
      kind: "meta",
      code: 131047,
    });
    expect(failureDetailSource("send_failed", { code: "template_not_approved", message: "x" })).toEqual({
      kind: "reason",
      reason: "template_not_approved",
    });
  });

  it("chooses the sentence that fits the values: a template that is gone, a contact who never wrote", () => {
    expect(
      failureDetailSource("template_unavailable", { template: "t", language: "ar", status: null }),
    ).toMatchObject({
      key: "template_unavailable_missing",
    });
    expect(failureDetailSource("outside_window", { lastInboundAt: null })).toMatchObject({
      key: "outside_window_never",
    });
    expect(failureDetailSource("opted_out", { scope: "all" })).toMatchObject({ key: "opted_out_all" });
  });

  it("falls back (null) when params are absent or do not fit, so the English message is shown", () => {
    expect(failureDetailSource("missing_variable", null)).toBeNull();
    expect(failureDetailSource("missing_variable", { field: "body.1" })).toBeNull();
    expect(failureDetailSource("restarted", {})).toBeNull();
    expect(failureDetailSource(null, {})).toBeNull();
  });
});
