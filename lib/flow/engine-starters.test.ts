import { describe, expect, it } from "vitest";
import { HOUR, MINUTE, RunDriver, SARA, T0 } from "./engine-testing";
import { starterDocument } from "./starters";

/** Whole runs of the three starter flows, against the sample templates, input by input. */

const ORDER = { order_id: "#1042", tracking_url: "https://track.example/1042" };

describe("the order-shipped starter", () => {
  function shipped() {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start(ORDER);
    return run;
  }

  it("sends the shipping notice with the contact's name and the order id", () => {
    const run = shipped();
    expect(run.last.effects).toEqual([
      {
        type: "send",
        stepKey: "notify:1",
        nodeId: "notify",
        content: {
          type: "template",
          name: "order_shipped",
          language: "en_US",
          values: { "body.1": "Sara", "body.2": "#1042" },
        },
        marketing: false,
        purpose: "message",
      },
    ]);
    expect(run.state).toMatchObject({ status: "running", at: { nodeId: "notify", stepKey: "notify:1" } });
    expect(run.trail).toEqual(["trigger→next", "notify→·"]);
  });

  it("waits 23 hours for an answer once the notice is sent", () => {
    const run = shipped();
    run.tick(2_000).sent("wamid.notify");
    expect(run.last.effects).toEqual([
      {
        type: "wait_for_reply",
        stepKey: "wait:1",
        nodeId: "wait",
        timeoutMs: 23 * HOUR,
        untilMs: T0 + 2_000 + 23 * HOUR,
      },
    ]);
    expect(run.state.status).toBe("waiting");
  });

  it("sends the tracking link when Track order is tapped, then completes", () => {
    const run = shipped();
    run.sent();
    run.tick(5 * MINUTE).taps("Track order");
    expect(run.effect).toMatchObject({
      type: "send",
      stepKey: "tracking-link:1",
      content: { type: "text", body: "Here is where your parcel is: https://track.example/1042" },
      marketing: false,
    });
    expect(run.state.scope.reply).toEqual({
      text: "Track order",
      buttonId: "Track order",
      type: "button",
      at: T0 + 5 * MINUTE,
    });
    run.sent();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.state).toMatchObject({ status: "completed", at: null });
    expect(run.state.failure).toBeUndefined();
    expect(run.trail).toEqual(["trigger→next", "notify→sent", "wait→track", "tracking-link→sent"]);
  });

  it("hands over to a teammate when Talk to us is tapped", () => {
    const run = shipped();
    run.sent();
    run.taps("Talk to us");
    expect(run.effect).toMatchObject({
      stepKey: "handover:1",
      content: { type: "text", body: "A teammate will reply here shortly." },
    });
    run.sent();
    expect(run.state.status).toBe("completed");
    expect(run.trail).toEqual(["trigger→next", "notify→sent", "wait→talk", "handover→sent"]);
  });

  it("completes quietly when nobody answers: the timeout output is not connected", () => {
    const run = shipped();
    run.sent();
    run.tick(23 * HOUR).timeout();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.trail).toEqual(["trigger→next", "notify→sent", "wait→timeout"]);
  });

  it("fails the run, naming the variable, when the event has no order id", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start({ tracking_url: "https://x.example" });
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "notify",
          code: "missing_variable",
          message:
            "No value for event.order_id (used in body.2: {{event.order_id}}); the message was not sent",
          params: { field: "body.2", expression: "{{event.order_id}}", paths: ["event.order_id"] },
        },
      },
    ]);
    expect(run.state.status).toBe("failed");
  });

  it("fails the run when Meta refuses the notice: the failed output is not connected", () => {
    const run = shipped();
    run.sendFailed(131026, "Message undeliverable");
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "failed",
        failure: {
          nodeId: "notify",
          code: "send_failed",
          message: "WhatsApp did not deliver the message (error 131026): Message undeliverable",
          params: { code: 131026, message: "Message undeliverable" },
        },
      },
    ]);
    expect(run.trail).toEqual(["trigger→next", "notify→failed"]);
  });

  it("names a missing contact name too, when the contact has none", () => {
    const run = new RunDriver(starterDocument("order-shipped"));
    run.start(ORDER, { phone: SARA.phone, name: null });
    expect(run.state.failure).toMatchObject({ code: "missing_variable", params: { field: "body.1" } });
  });
});

describe("the appointment-reminder starter", () => {
  const appointmentAt = T0 + 3 * 24 * HOUR;
  const event = {
    appointment_at: new Date(appointmentAt).toISOString(),
    appointment_time: "Friday 16 May at 9 am",
    reschedule_url: "https://book.example/r/77",
  };

  function booked() {
    const run = new RunDriver(starterDocument("appointment-reminder"));
    run.start(event);
    return run;
  }

  it("sleeps until a day before the appointment", () => {
    const run = booked();
    expect(run.last.effects).toEqual([
      { type: "sleep", stepKey: "day-before:1", nodeId: "day-before", untilMs: appointmentAt - 24 * HOUR },
    ]);
    expect(run.state).toMatchObject({ status: "sleeping", at: { until: appointmentAt - 24 * HOUR } });
  });

  it("sends the reminder on waking, and thanks the contact who confirms", () => {
    const run = booked();
    run.tick(2 * 24 * HOUR).slept();
    expect(run.effect).toMatchObject({
      type: "send",
      stepKey: "remind:1",
      content: {
        type: "template",
        name: "appointment_reminder",
        values: { "body.1": "Sara", "body.2": "Friday 16 May at 9 am" },
      },
    });
    run.sent();
    expect(run.effect).toMatchObject({ type: "wait_for_reply", stepKey: "wait:1" });
    run.taps("Confirm");
    expect(run.effect).toMatchObject({
      stepKey: "thanks:1",
      content: { type: "text", body: "Thank you, Sara: see you on Friday 16 May at 9 am." },
    });
    run.sent();
    expect(run.state.status).toBe("completed");
    expect(run.trail).toEqual([
      "trigger→next",
      "day-before→next",
      "remind→sent",
      "wait→confirm",
      "thanks→sent",
    ]);
  });

  it("sends the rescheduling link to the contact who asks to reschedule", () => {
    const run = booked();
    run.slept();
    run.sent();
    run.taps("Reschedule");
    expect(run.effect).toMatchObject({
      stepKey: "reschedule-link:1",
      content: { type: "text", body: "No problem: pick a new time here: https://book.example/r/77" },
    });
    run.sent();
    expect(run.state.status).toBe("completed");
  });

  it("sends the second reminder when the first goes unanswered", () => {
    const run = booked();
    run.slept();
    run.sent();
    run.timeout();
    expect(run.effect).toMatchObject({
      type: "send",
      stepKey: "remind-again:1",
      content: { type: "template", name: "appointment_reminder" },
    });
    run.sent();
    expect(run.state.status).toBe("completed");
    expect(run.trail.at(-2)).toBe("wait→timeout");
  });

  it("reminds at once when the appointment is less than a day away", () => {
    const run = new RunDriver(starterDocument("appointment-reminder"));
    run.start({ ...event, appointment_at: new Date(T0 + 3 * HOUR).toISOString() });
    expect(run.effect).toMatchObject({ type: "send", stepKey: "remind:1" });
    expect(run.trail).toEqual(["trigger→next", "day-before→next", "remind→·"]);
  });
});

describe("the marketing-broadcast starter", () => {
  function broadcast() {
    const run = new RunDriver(starterDocument("marketing-broadcast"));
    run.start();
    return run;
  }

  it("sends the weekly offer as a marketing template with its image", () => {
    const run = broadcast();
    expect(run.effect).toEqual({
      type: "send",
      stepKey: "offer:1",
      nodeId: "offer",
      content: {
        type: "template",
        name: "weekly_offer",
        language: "en_US",
        values: {
          "header.media": "https://example.com/weekly-offer.jpg",
          "body.first_name": "Sara",
          "body.offer": "20% off all shoes until Sunday",
        },
      },
      marketing: true,
      purpose: "message",
    });
  });

  it("sends the shop link when Shop now is tapped", () => {
    const run = broadcast();
    run.sent();
    run.taps("Shop now");
    expect(run.effect).toMatchObject({
      stepKey: "shop-link:1",
      content: { type: "text", body: "Happy shopping! Here is the offer: https://example.com/shop" },
    });
    run.sent();
    expect(run.state.status).toBe("completed");
  });

  it("unsubscribes from marketing and confirms it when Stop promotions is tapped", () => {
    const run = broadcast();
    run.sent();
    run.taps("Stop promotions");
    expect(run.last.effects).toEqual([
      {
        type: "suppress",
        stepKey: "unsubscribe:1",
        nodeId: "unsubscribe",
        scope: "marketing",
        notify: false,
      },
    ]);
    expect(run.state.status).toBe("running");
    run.suppressed();
    expect(run.last.effects).toEqual([
      {
        type: "send",
        stepKey: "unsubscribe:1:confirmation",
        nodeId: "unsubscribe",
        content: {
          type: "text",
          body: "Done: you will not receive promotions from us any more. Order updates still reach you.",
        },
        marketing: false,
        purpose: "opt_out_confirmation",
      },
    ]);
    run.sent();
    expect(run.last.effects).toEqual([{ type: "end", status: "completed" }]);
    expect(run.trail).toEqual(["trigger→next", "offer→sent", "wait→stop", "unsubscribe→next"]);
  });

  it("keeps going when the tap is also reported as a marketing opt-out: no marketing send is left", () => {
    const run = broadcast();
    run.sent();
    const before = run.state;
    run.feed({ type: "opted_out", scope: "marketing" });
    expect(run.last.effects).toEqual([]);
    expect(run.state).toBe(before);
    run.taps("Stop promotions");
    run.feed({ type: "opted_out", scope: "marketing" });
    expect(run.last.effects).toEqual([]);
    run.suppressed();
    expect(run.effect).toMatchObject({ purpose: "opt_out_confirmation" });
  });

  it("is cancelled by a marketing opt-out while the offer itself is still being sent", () => {
    const run = broadcast();
    run.feed({ type: "opted_out", scope: "marketing" });
    expect(run.last.effects).toEqual([
      {
        type: "end",
        status: "cancelled",
        failure: {
          nodeId: "offer",
          code: "opted_out",
          message: "The contact opted out of marketing messages, and this flow would send more",
          params: { scope: "marketing" },
        },
      },
    ]);
    run.sent();
    expect(run.last.effects).toEqual([]);
  });
});
