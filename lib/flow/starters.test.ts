import { describe, expect, it } from "vitest";
import { templateVariables } from "../whatsapp/template";
import { parseFlowDocument } from "./schema";
import { SAMPLE_TEMPLATES, STARTERS, STARTER_IDS, starterDocument } from "./starters";
import { validate } from "./validate";

describe("starter flows", () => {
  it.each(STARTER_IDS)("%s validates with no finding at all against the sample templates", (id) => {
    expect(validate(starterDocument(id), { templates: SAMPLE_TEMPLATES })).toEqual([]);
  });

  it.each(STARTER_IDS)("%s is a stored document as the schema reads it", (id) => {
    const doc = starterDocument(id);
    expect(parseFlowDocument(JSON.parse(JSON.stringify(doc)))).toEqual({ ok: true, document: doc });
  });

  it.each(STARTER_IDS)("%s is laid out top to bottom with a label on every node", (id) => {
    const doc = starterDocument(id);
    const y = new Map(doc.nodes.map((n) => [n.id, n.position.y]));
    for (const e of doc.edges) expect(y.get(e.target) ?? 0).toBeGreaterThan(y.get(e.source) ?? 0);
    for (const n of doc.nodes) expect(n.label?.trim()).toBeTruthy();
  });

  it("gives a fresh copy each time, so editing one never changes the next", () => {
    const first = starterDocument("order-shipped");
    first.nodes.pop();
    expect(starterDocument("order-shipped").nodes).toHaveLength(first.nodes.length + 1);
  });

  it("describes every starter in English with the keys of its translated title and summary", () => {
    expect(STARTERS.map((s) => s.id)).toEqual([...STARTER_IDS]);
    expect(STARTERS[0]).toMatchObject({
      name: "Order shipped",
      nameKey: "flows.starters.order-shipped.title",
      descriptionKey: "flows.starters.order-shipped.summary",
    });
  });

  it("reminds about an appointment a day before the time in the event", () => {
    const delay = starterDocument("appointment-reminder").nodes.find((n) => n.type === "delay");
    expect(delay?.config).toMatchObject({
      mode: "until",
      untilPath: "event.appointment_at",
      offsetMinutes: 1440,
    });
  });
});

describe("sample templates", () => {
  it("are unique by name and language", () => {
    const keys = SAMPLE_TEMPLATES.map((t) => `${t.name}/${t.language}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("include approved, pending and paused templates, named and positional", () => {
    expect(SAMPLE_TEMPLATES.map((t) => [t.name, t.language, t.status])).toEqual([
      ["order_shipped", "en_US", "APPROVED"],
      ["order_shipped", "ar", "APPROVED"],
      ["appointment_reminder", "en_US", "APPROVED"],
      ["weekly_offer", "en_US", "APPROVED"],
      ["spring_sale", "en_US", "PENDING"],
      ["old_promo", "en_US", "PAUSED"],
    ]);
    const weekly = SAMPLE_TEMPLATES.find((t) => t.name === "weekly_offer");
    expect(templateVariables(weekly?.components ?? []).map((v) => v.key)).toEqual([
      "header.media",
      "body.first_name",
      "body.offer",
      "payload.0",
      "payload.1",
    ]);
  });
});
