import { describe, expect, it } from "vitest";
import { starterDocument } from "@/lib/flow/starters";
import { curlExample, eventFields, eventTriggers, exampleData } from "./event-fields";

describe("eventTriggers", () => {
  it("finds the event a starter listens to and the event data its messages use", () => {
    expect(eventTriggers(starterDocument("order-shipped"))).toEqual([
      { eventName: "order.shipped", fields: ["order_id", "tracking_url"] },
    ]);
  });

  it("counts paths that conditions and delays read, not only {{…}} in texts", () => {
    expect(eventFields(starterDocument("appointment-reminder"))).toEqual(
      expect.arrayContaining(["appointment_at", "appointment_time", "reschedule_url"]),
    );
  });

  it("has nothing to say about a flow started by hand", () => {
    expect(eventTriggers(starterDocument("marketing-broadcast"))).toEqual([]);
  });
});

describe("exampleData", () => {
  it("nests dotted fields and names each placeholder after its field", () => {
    expect(exampleData(["order_id", "customer.tier", "customer.name"])).toEqual({
      order_id: "<order_id>",
      customer: { tier: "<tier>", name: "<name>" },
    });
  });
});

describe("curlExample", () => {
  it("quotes the body so a shell passes it through unchanged", () => {
    const curl = curlExample("https://raqi.example", { name: "it's.here" }, "k-1");
    expect(curl).toContain("curl -X POST https://raqi.example/api/v1/events");
    expect(curl).toContain('-H "Idempotency-Key: k-1"');
    expect(curl).toContain(`"name": "it'\\''s.here"`);
  });
});
