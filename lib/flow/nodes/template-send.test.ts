import { describe, expect, it } from "vitest";
import type { TemplateSummary } from "../../whatsapp/template";
import { SAMPLE_TEMPLATES } from "../starters";
import { around, check, codes, node } from "../testing";
import type { TemplateSendConfig } from "./template-send";

const shipped = {
  templateName: "order_shipped",
  language: "en_US",
  variables: { "body.1": "{{contact.name}}", "body.2": "{{event.order_id}}" },
};

function sendFindings(config: Partial<TemplateSendConfig>, templates: TemplateSummary[] = SAMPLE_TEMPLATES) {
  return check(around(node("template-send", "send", config)), templates).filter((f) => f.nodeId === "send");
}

describe("template-send rules", () => {
  it("needs a template and its language", () => {
    expect(codes(sendFindings({}))).toEqual(["template.not_chosen"]);
    expect(codes(sendFindings({ templateName: "order_shipped" }))).toEqual(["template.not_chosen"]);
    expect(codes(sendFindings(shipped))).toEqual([]);
  });

  it("refuses a template the workspace does not have", () => {
    const findings = sendFindings({ ...shipped, templateName: "gone" });
    expect(codes(findings)).toEqual(["template.not_found"]);
    expect(findings[0]?.params).toEqual({ template: "gone", language: "en_US" });
  });

  it("names the languages a template exists in when the chosen one is missing", () => {
    const findings = sendFindings({ ...shipped, language: "fr" });
    expect(codes(findings)).toEqual(["template.language_unavailable"]);
    expect(findings[0]?.params).toEqual({
      template: "order_shipped",
      language: "fr",
      languages: "en_US, ar",
    });
    expect(codes(sendFindings({ ...shipped, language: "ar" }))).toEqual([]);
  });

  it("refuses templates Meta has not approved, with their own codes for paused and disabled ones", () => {
    expect(
      codes(sendFindings({ templateName: "spring_sale", language: "en_US", variables: { "body.1": "30%" } })),
    ).toEqual(["template.not_approved"]);
    expect(
      codes(sendFindings({ templateName: "old_promo", language: "en_US", variables: { "body.1": "x" } })),
    ).toEqual(["template.paused"]);
    const disabled = SAMPLE_TEMPLATES.map((t) =>
      t.name === "old_promo" ? { ...t, status: "DISABLED" as const } : t,
    );
    expect(
      codes(
        sendFindings(
          { templateName: "old_promo", language: "en_US", variables: { "body.1": "x" } },
          disabled,
        ),
      ),
    ).toEqual(["template.disabled"]);
    const rejected = SAMPLE_TEMPLATES.map((t) =>
      t.name === "old_promo" ? { ...t, status: "REJECTED" as const } : t,
    );
    const findings = sendFindings(
      { templateName: "old_promo", language: "en_US", variables: { "body.1": "x" } },
      rejected,
    );
    expect(findings[0]).toMatchObject({
      code: "template.not_approved",
      params: { template: "old_promo", status: "REJECTED" },
    });
  });

  it("needs every required variable mapped to something other than spaces", () => {
    const findings = sendFindings({
      ...shipped,
      variables: { "body.1": "{{contact.name}}", "body.2": "  " },
    });
    expect(codes(findings)).toEqual(["template.variable_unmapped"]);
    expect(findings[0]?.params).toEqual({ variable: "body.2", label: "{{2}}" });
  });

  it("needs the named parameters and the header image of a named template", () => {
    const findings = sendFindings({ templateName: "weekly_offer", language: "en_US", variables: {} });
    expect(findings.map((f) => f.params?.variable)).toEqual([
      "header.media",
      "body.first_name",
      "body.offer",
    ]);
    const complete = {
      templateName: "weekly_offer",
      language: "en_US",
      variables: {
        "header.media": "{{event.image}}",
        "body.first_name": "{{contact.name}}",
        "body.offer": "2 for 1",
      },
    };
    expect(codes(sendFindings(complete))).toEqual([]);
  });

  it("does not require the optional quick-reply payloads, but accepts them", () => {
    expect(
      codes(sendFindings({ ...shipped, variables: { ...shipped.variables, "payload.0": "track" } })),
    ).toEqual([]);
  });

  it("warns about mapped variables the template does not have", () => {
    const findings = sendFindings({
      ...shipped,
      variables: { ...shipped.variables, "body.3": "extra", "body.4": "" },
    });
    expect(findings).toEqual([
      expect.objectContaining({
        code: "template.variable_unknown",
        severity: "warning",
        params: { variable: "body.3", template: "order_shipped" },
      }),
    ]);
  });

  it("needs the header media to be a link or an expression", () => {
    const variables = { "body.first_name": "A", "body.offer": "B" };
    const base = { templateName: "weekly_offer", language: "en_US" };
    expect(
      codes(sendFindings({ ...base, variables: { ...variables, "header.media": "offer.jpg" } })),
    ).toEqual(["template.media_url_invalid"]);
    expect(
      codes(sendFindings({ ...base, variables: { ...variables, "header.media": "https://x.io/a.jpg" } })),
    ).toEqual([]);
  });

  it("checks the expressions of every mapped value, naming the variable", () => {
    const findings = sendFindings({
      ...shipped,
      variables: { "body.1": "{{customer.name}}", "body.2": "{{event.id" },
    });
    expect(codes(findings)).toEqual(["expression.unknown_root", "expression.unclosed"]);
    expect(findings[0]?.params).toMatchObject({ field: "body.1", root: "customer" });
  });
});
