import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { NonRetriableError, type Inngest } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createLocalExecutor } from "./index";
import { eventually, startHarness, type Harness } from "./test-harness";

// The real SDK (inngest 4.24.0, served by inngest/node) against the local executor, on the test database.

const counts = new Map<string, number>();
function bump(key: string): number {
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  return n;
}
const count = (key: string) => counts.get(key) ?? 0;

/** Step bodies that wait for the test: `hold(key)` blocks until `release(key)`. */
const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
function gate(key: string) {
  let entry = gates.get(key);
  if (!entry) {
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    entry = { promise, open };
    gates.set(key, entry);
  }
  return entry;
}
const hold = (key: string) => gate(key).promise;
const release = (key: string) => gate(key).open();

const uid = () => crypto.randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let activeByUser = new Map<string, number>();
let maxActiveByUser = new Map<string, number>();

function functions(client: Inngest) {
  const child = client.createFunction(
    { id: "child", triggers: [{ event: "test/child-direct" }] },
    async ({ event }) => ({
      doubled: Number(event.data.n) * 2,
    }),
  );
  return [
    client.createFunction({ id: "memo", triggers: [{ event: "test/memo" }] }, async ({ event, step }) => {
      const tag = String(event.data.tag);
      bump(`memo:calls:${tag}`);
      const a = await step.run("a", () => (bump(`memo:a:${tag}`), Number(event.data.n) + 1));
      const b = await step.run("b", () => (bump(`memo:b:${tag}`), a * 2));
      const c = await step.run("c", () => (bump(`memo:c:${tag}`), b + 1));
      return { a, b, c };
    }),
    client.createFunction(
      { id: "parallel", triggers: [{ event: "test/parallel" }] },
      async ({ event, step }) => {
        const tag = String(event.data.tag);
        const parts = await Promise.all(
          [1, 2, 3].map((n) => step.run(`part-${n}`, () => (bump(`parallel:${n}:${tag}`), n * 10))),
        );
        const total = await step.run("total", () => parts.reduce((sum, n) => sum + n, 0));
        return { parts, total };
      },
    ),
    client.createFunction({ id: "sleeper", triggers: [{ event: "test/sleep" }] }, async ({ step }) => {
      const before = await step.run("before", () => Date.now());
      await step.sleep("nap", "1s");
      const after = await step.run("after", () => Date.now());
      return { sleptMs: after - before };
    }),
    client.createFunction({ id: "waiter", triggers: [{ event: "test/wait" }] }, async ({ event, step }) => {
      await step.run("hold", () => hold(`wait:${String(event.data.id)}`).then(() => true));
      const reply = await step.waitForEvent("reply", {
        event: "test/reply",
        if: "async.data.id == event.data.id",
        timeout: typeof event.data.timeout === "string" ? event.data.timeout : "30s",
      });
      return { reply: reply ? reply.data : null };
    }),
    client.createFunction(
      {
        id: "cancellable",
        triggers: [{ event: "test/cancellable" }],
        cancelOn: [{ event: "test/cancel", if: "async.data.id == event.data.id" }],
      },
      async ({ event, step }) => {
        const id = String(event.data.id);
        await step.run("first", async () => {
          bump(`cancel:first:${id}`);
          if (event.data.holdFirst) await hold(`cancel:${id}`);
        });
        await step.waitForEvent("never", { event: "test/never", timeout: "30s" });
        await step.run("after", () => bump(`cancel:after:${id}`));
      },
    ),
    client.createFunction(
      { id: "flaky", retries: 3, triggers: [{ event: "test/flaky" }] },
      async ({ event, step }) =>
        step.run("flaky-step", () => {
          const n = bump(`flaky:${String(event.data.id)}`);
          if (n <= 2) throw new Error(`boom ${n}`);
          return n;
        }),
    ),
    client.createFunction(
      { id: "fatal", retries: 3, triggers: [{ event: "test/fatal" }] },
      async ({ event, step }) =>
        step.run("fatal-step", () => {
          bump(`fatal:${String(event.data.id)}`);
          throw new NonRetriableError("not worth retrying");
        }),
    ),
    client.createFunction(
      {
        id: "broken",
        retries: 2,
        triggers: [{ event: "test/broken" }],
        onFailure: async ({ event, error }) => {
          bump(`broken:onFailure:${String(event.data.event.data.id)}:${error.message}`);
        },
      },
      async ({ event }) => {
        bump(`broken:${String(event.data.id)}`);
        throw new Error("handler broke");
      },
    ),
    client.createFunction({ id: "sender", triggers: [{ event: "test/send" }] }, async ({ event, step }) => {
      await step.sendEvent("notify", { name: "test/followup", data: { id: event.data.id } });
      return "sent";
    }),
    client.createFunction(
      { id: "sender-in-tx", triggers: [{ event: "test/send-in-tx" }] },
      async ({ event, step }) => {
        // On PGlite the executor's own write waits for this transaction, which waits for the event API.
        await step.run("send-in-tx", async () => {
          const db = await getDb();
          await db.transaction(async (tx) => {
            await tx.execute(sql`select 1`);
            await client.send({ name: "test/followup", data: { id: event.data.id } });
          });
        });
        return "sent";
      },
    ),
    client.createFunction({ id: "receiver", triggers: [{ event: "test/followup" }] }, async ({ event }) => ({
      received: event.data.id,
    })),
    client.createFunction(
      { id: "once", idempotency: "event.data.key", triggers: [{ event: "test/once" }] },
      async ({ event }) => (bump(`once:${String(event.data.key)}`), "done"),
    ),
    client.createFunction({ id: "plain", triggers: [{ event: "test/plain" }] }, async ({ event }) => {
      bump(`plain:${String(event.data.tag)}`);
      return event.id ?? null;
    }),
    client.createFunction(
      { id: "wild", triggers: [{ event: "test/wild/*", if: "event.data.go == true" }] },
      async ({ event }) => (bump(`wild:${String(event.data.tag)}`), event.name),
    ),
    client.createFunction(
      {
        id: "serial",
        concurrency: { limit: 1, key: "event.data.user" },
        triggers: [{ event: "test/serial" }],
      },
      async ({ event, step }) => {
        const user = String(event.data.user);
        await step.run("work", async () => {
          const active = (activeByUser.get(user) ?? 0) + 1;
          activeByUser.set(user, active);
          maxActiveByUser.set(user, Math.max(maxActiveByUser.get(user) ?? 0, active));
          await sleep(150);
          activeByUser.set(user, (activeByUser.get(user) ?? 1) - 1);
        });
      },
    ),
    client.createFunction({ id: "parent", triggers: [{ event: "test/parent" }] }, async ({ event, step }) => {
      const output = await step.invoke("call-child", {
        function: child,
        data: { n: event.data.n },
      });
      return { child: output };
    }),
    child,
    client.createFunction(
      {
        id: "limited",
        rateLimit: { limit: 1, period: "1m", key: "event.data.tag" },
        triggers: [{ event: "test/limited" }],
      },
      async () => "ran",
    ),
    client.createFunction(
      {
        id: "throttled",
        throttle: { limit: 1, period: "1s", key: "event.data.tag" },
        triggers: [{ event: "test/throttled" }],
      },
      async () => "ran",
    ),
  ];
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness(await getDb(), functions);
});
afterAll(async () => {
  await h?.close();
});

async function runOfIn(harness: Harness, functionId: string) {
  return eventually(
    async () => (await harness.executor.listRuns({ functionId: harness.fnId(functionId) }))[0],
  );
}

async function runOf(functionId: string, predicate: (event: Record<string, unknown>) => boolean) {
  return eventually(async () => {
    const runs = await h.executor.listRuns({ functionId: h.fnId(functionId) });
    return runs.find((r) => predicate(r.event));
  });
}
const dataOf = (event: Record<string, unknown>) => (event.data ?? {}) as Record<string, unknown>;

describe("local Inngest executor with the real SDK", () => {
  it("runs each step body once however many calls the run takes", async () => {
    const tag = uid();
    await h.client.send({ name: "test/memo", data: { n: 1, tag } });
    const run = await h.executor.waitForRun((await runOf("memo", (e) => dataOf(e).tag === tag)).id);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 2, b: 4, c: 5 });
    expect([count(`memo:a:${tag}`), count(`memo:b:${tag}`), count(`memo:c:${tag}`)]).toEqual([1, 1, 1]);
    expect(count(`memo:calls:${tag}`)).toBeGreaterThanOrEqual(4);
  });

  it("runs parallel steps once each and resumes with all their results", async () => {
    const tag = uid();
    const [id] = await h.executor.send({ name: "test/parallel", data: { tag } });
    expect(id).toBeTruthy();
    const run = await h.executor.waitForRun((await runOf("parallel", (e) => dataOf(e).tag === tag)).id);
    expect(run.output).toEqual({ parts: [10, 20, 30], total: 60 });
    expect([1, 2, 3].map((n) => count(`parallel:${n}:${tag}`))).toEqual([1, 1, 1]);
  });

  it("sleeps for the duration asked", async () => {
    const tag = uid();
    await h.executor.send({ name: "test/sleep", data: { tag } });
    const started = await runOf("sleeper", (e) => dataOf(e).tag === tag);
    const sleeping = await eventually(async () => {
      const run = await h.executor.getRun(started.id);
      return run?.jobs.some((j) => j.kind === "sleep") && run;
    });
    expect(sleeping.status).toBe("running");
    const run = await h.executor.waitForRun(started.id);
    expect(run.status).toBe("completed");
    expect((run.output as { sleptMs: number }).sleptMs).toBeGreaterThanOrEqual(950);
  });

  it("resumes a wait with the matching event only, never one sent before the wait", async () => {
    const id = uid();
    await h.executor.send({ name: "test/wait", data: { id } });
    const started = await runOf("waiter", (e) => dataOf(e).id === id);
    // While the step before the wait runs, a matching reply arrives: too early to count.
    await h.executor.send({ name: "test/reply", data: { id, text: "too early" } });
    release(`wait:${id}`);
    await eventually(async () => (await h.executor.getRun(started.id))?.jobs.some((j) => j.kind === "wait"));
    await h.executor.send({ name: "test/reply", data: { id: "someone-else", text: "not for you" } });
    await h.executor.send({ name: "test/reply", data: { text: "no id at all" } });
    await h.executor.drain();
    expect((await h.executor.getRun(started.id))?.status).toBe("running");

    await h.client.send({ name: "test/reply", data: { id, text: "yes" } });
    const run = await h.executor.waitForRun(started.id);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ reply: { id, text: "yes" } });
  });

  it("gives a wait that times out null", async () => {
    const id = uid();
    release(`wait:${id}`);
    await h.executor.send({ name: "test/wait", data: { id, timeout: "1s" } });
    const run = await h.executor.waitForRun((await runOf("waiter", (e) => dataOf(e).id === id)).id);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ reply: null });
  });

  it("cancels a run on its cancelOn event: later steps never run", async () => {
    const id = uid();
    await h.executor.send({ name: "test/cancellable", data: { id } });
    const started = await runOf("cancellable", (e) => dataOf(e).id === id);
    await eventually(async () => (await h.executor.getRun(started.id))?.jobs.some((j) => j.kind === "wait"));
    await h.executor.send({ name: "test/cancel", data: { id: "another-run" } });
    expect((await h.executor.getRun(started.id))?.status).toBe("running");

    await h.executor.send({ name: "test/cancel", data: { id } });
    await h.executor.send({ name: "test/never", data: {} });
    await h.executor.drain();
    const run = await h.executor.getRun(started.id);
    expect(run?.status).toBe("cancelled");
    expect(run?.jobs).toEqual([]);
    expect(count(`cancel:after:${id}`)).toBe(0);
  });

  it("drops the answer of a call in flight when its run is cancelled", async () => {
    const id = uid();
    await h.executor.send({ name: "test/cancellable", data: { id, holdFirst: true } });
    const started = await runOf("cancellable", (e) => dataOf(e).id === id);
    await eventually(async () => count(`cancel:first:${id}`) === 1);
    await h.executor.send({ name: "test/cancel", data: { id } });
    release(`cancel:${id}`);
    await h.executor.drain();
    await sleep(100);
    const run = await h.executor.getRun(started.id);
    expect(run?.status).toBe("cancelled");
    expect(run?.steps).toEqual([]);
    expect(count(`cancel:after:${id}`)).toBe(0);
  });

  it("retries a failing step with backoff until it succeeds", async () => {
    const id = uid();
    await h.executor.send({ name: "test/flaky", data: { id } });
    const run = await h.executor.waitForRun((await runOf("flaky", (e) => dataOf(e).id === id)).id);
    expect(run.status).toBe("completed");
    expect(run.output).toBe(3);
    expect(count(`flaky:${id}`)).toBe(3);
  });

  it("fails at once on a NonRetriableError", async () => {
    const id = uid();
    await h.executor.send({ name: "test/fatal", data: { id } });
    const run = await h.executor.waitForRun((await runOf("fatal", (e) => dataOf(e).id === id)).id);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ message: expect.stringContaining("not worth retrying") });
    expect(count(`fatal:${id}`)).toBe(1);
  });

  it("fails a function that keeps throwing after its retries, then runs its onFailure handler", async () => {
    const id = uid();
    await h.executor.send({ name: "test/broken", data: { id } });
    const run = await h.executor.waitForRun((await runOf("broken", (e) => dataOf(e).id === id)).id);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ message: "handler broke" });
    expect(count(`broken:${id}`)).toBe(3);
    await eventually(async () => count(`broken:onFailure:${id}:handler broke`) === 1);
  });

  it("starts the functions a step.sendEvent triggers", async () => {
    const id = uid();
    await h.executor.send({ name: "test/send", data: { id } });
    const sender = await h.executor.waitForRun((await runOf("sender", (e) => dataOf(e).id === id)).id);
    expect(sender.status).toBe("completed");
    const receiver = await h.executor.waitForRun((await runOf("receiver", (e) => dataOf(e).id === id)).id);
    expect(receiver.output).toEqual({ received: id });
  });

  it("takes events sent from inside an open database transaction", async () => {
    const id = uid();
    await h.executor.send({ name: "test/send-in-tx", data: { id } });
    const sender = await h.executor.waitForRun((await runOf("sender-in-tx", (e) => dataOf(e).id === id)).id);
    expect(sender.status).toBe("completed");
    const receiver = await h.executor.waitForRun((await runOf("receiver", (e) => dataOf(e).id === id)).id);
    expect(receiver.output).toEqual({ received: id });
  });

  it("starts one run per idempotency key, and ignores an event id seen before", async () => {
    const key = uid();
    await h.client.send([
      { name: "test/once", data: { key } },
      { name: "test/once", data: { key } },
    ]);
    await h.executor.send({ name: "test/once", data: { key } });
    await h.executor.drain();
    expect(
      await h.executor
        .listRuns({ functionId: h.fnId("once") })
        .then((r) => r.filter((x) => dataOf(x.event).key === key)),
    ).toHaveLength(1);
    expect(count(`once:${key}`)).toBe(1);

    const tag = uid();
    await h.client.send({ name: "test/plain", data: { tag }, id: `order-${tag}` });
    await h.client.send({ name: "test/plain", data: { tag }, id: `order-${tag}` });
    await h.executor.drain();
    const runs = (await h.executor.listRuns({ functionId: h.fnId("plain") })).filter(
      (r) => dataOf(r.event).tag === tag,
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]?.output).toBe(`order-${tag}`);
  });

  it("matches wildcard triggers and their expressions", async () => {
    const tag = uid();
    await h.executor.send([
      { name: "test/wild/a", data: { tag, go: false } },
      { name: "test/wild/b", data: { tag, go: true } },
      { name: "test/wild", data: { tag, go: true } },
    ]);
    await h.executor.drain();
    const runs = (await h.executor.listRuns({ functionId: h.fnId("wild") })).filter(
      (r) => dataOf(r.event).tag === tag,
    );
    expect(runs.map((r) => r.output)).toEqual(["test/wild/b"]);
  });

  it("keeps at most `limit` steps in flight per concurrency key", async () => {
    activeByUser = new Map();
    maxActiveByUser = new Map();
    const [u1, u2] = [uid(), uid()];
    await h.executor.send([u1, u1, u1, u2, u2].map((user) => ({ name: "test/serial", data: { user } })));
    await h.executor.drain();
    const runs = (await h.executor.listRuns({ functionId: h.fnId("serial") })).filter((r) =>
      [u1, u2].includes(String(dataOf(r.event).user)),
    );
    expect(runs.map((r) => r.status)).toEqual(Array(5).fill("completed"));
    expect(maxActiveByUser.get(u1)).toBe(1);
    expect(maxActiveByUser.get(u2)).toBe(1);
  });

  it("skips runs over a rateLimit and delays runs over a throttle", async () => {
    const tag = uid();
    await h.executor.send([1, 2].map(() => ({ name: "test/limited", data: { tag } })));
    await h.executor.send([1, 2].map(() => ({ name: "test/throttled", data: { tag } })));
    await h.executor.drain();
    const limited = (await h.executor.listRuns({ functionId: h.fnId("limited") })).filter(
      (r) => dataOf(r.event).tag === tag,
    );
    expect(limited).toHaveLength(1);
    const throttled = (await h.executor.listRuns({ functionId: h.fnId("throttled") })).filter(
      (r) => dataOf(r.event).tag === tag,
    );
    expect(throttled).toHaveLength(2);
    const ended = await Promise.all(throttled.map((r) => h.executor.waitForRun(r.id)));
    const starts = ended.map((r) => r.startedAt?.getTime() ?? 0).sort((a, b) => a - b);
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it("answers the event API as the SDK expects, once per request however often it is retried", async () => {
    const tag = uid();
    const seed = `${Date.now()},c2VlZC0${tag}`;
    const post = (body: unknown) =>
      fetch(`${h.executor.url}/e/any-key`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-inngest-event-id-seed": seed },
        body: JSON.stringify(body),
      });
    const first = await post({ name: "test/plain", data: { tag } });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as { ids: string[]; status: number };
    expect(answer).toEqual({ ids: [expect.any(String)], status: 200 });
    const again = (await (await post({ name: "test/plain", data: { tag } })).json()) as { ids: string[] };
    expect(again.ids).toEqual(answer.ids);
    await h.executor.drain();
    expect(
      (await h.executor.listRuns({ functionId: h.fnId("plain") })).filter((r) => dataOf(r.event).tag === tag),
    ).toHaveLength(1);

    expect((await post({ data: {} })).status).toBe(400);
    expect(await (await fetch(`${h.executor.url}/health`)).json()).toEqual({ status: "ok" });
  });

  it("returns an invoked function's output to step.invoke", async () => {
    const n = Math.floor(Math.random() * 1000);
    await h.executor.send({ name: "test/parent", data: { n } });
    const run = await h.executor.waitForRun((await runOf("parent", (e) => dataOf(e).n === n)).id);
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ child: { doubled: n * 2 } });
  });
});

describe("syncing", () => {
  it("takes an app that registers out of band", async () => {
    const previous = process.env.INNGEST_ALLOW_IN_BAND_SYNC;
    process.env.INNGEST_ALLOW_IN_BAND_SYNC = "false";
    let app: Harness | undefined;
    try {
      app = await startHarness(await getDb(), (client) => [
        client.createFunction(
          { id: "oob", triggers: [{ event: "test/oob" }] },
          async () => "synced out of band",
        ),
      ]);
    } finally {
      if (previous === undefined) delete process.env.INNGEST_ALLOW_IN_BAND_SYNC;
      else process.env.INNGEST_ALLOW_IN_BAND_SYNC = previous;
    }
    try {
      await app.executor.send({ name: "test/oob", data: {} });
      const [run] = await app.executor.listRuns({ functionId: app.fnId("oob") });
      expect(run).toBeDefined();
      expect((await app.executor.waitForRun(run?.id ?? "")).output).toBe("synced out of band");
    } finally {
      await app.close();
    }
  });
});

describe("a restarted executor", () => {
  it("resumes a run that was waiting when the executor stopped", async () => {
    const db = await getDb();
    const id = uid();
    const first = await startHarness(db, (client) => [
      client.createFunction(
        { id: "resumable", triggers: [{ event: "test/resumable" }] },
        async ({ event, step }) => {
          await step.run("before", () => bump(`resumable:before:${String(event.data.id)}`));
          const reply = await step.waitForEvent("reply", {
            event: "test/resume",
            if: "async.data.id == event.data.id",
            timeout: "1m",
          });
          return { reply: reply?.data ?? null };
        },
      ),
    ]);
    await first.executor.send({ name: "test/resumable", data: { id } });
    const [started] = await first.executor.listRuns();
    if (!started) throw new Error("no run");
    await eventually(async () =>
      (await first.executor.getRun(started.id))?.jobs.some((j) => j.kind === "wait"),
    );
    const port = Number(new URL(first.executor.url).port);
    await first.executor.stop();

    const second = createLocalExecutor({
      db,
      port,
      appUrls: [first.appUrl],
      namespace: first.namespace,
      retryBaseMs: 50,
      resyncIntervalMs: 0,
    });
    await second.start();
    try {
      await second.send({ name: "test/resume", data: { id, text: "back again" } });
      const run = await second.waitForRun(started.id);
      expect(run.status).toBe("completed");
      expect(run.output).toEqual({ reply: { id, text: "back again" } });
      expect(count(`resumable:before:${id}`)).toBe(1);
    } finally {
      await second.stop();
      await first.close();
    }
  });

  it("fires a sleep that ended while it was down, and re-issues a call that was in flight", async () => {
    const db = await getDb();
    const id = uid();
    const first = await startHarness(db, (client) => [
      client.createFunction({ id: "napper", triggers: [{ event: "test/napper" }] }, async ({ step }) => {
        await step.sleep("nap", "1s");
        return step.run("after-nap", () => "rested");
      }),
      client.createFunction({ id: "busy", triggers: [{ event: "test/busy" }] }, async ({ event, step }) =>
        step.run("slow", async () => {
          bump(`busy:${String(event.data.id)}`);
          await hold(`busy:${String(event.data.id)}`);
          return "finished";
        }),
      ),
    ]);
    await first.executor.send([
      { name: "test/napper", data: { id } },
      { name: "test/busy", data: { id } },
    ]);
    const napper = await runOfIn(first, "napper");
    const busy = await runOfIn(first, "busy");
    await eventually(async () =>
      (await first.executor.getRun(napper.id))?.jobs.some((j) => j.kind === "sleep"),
    );
    await eventually(async () => count(`busy:${id}`) === 1);
    const port = Number(new URL(first.executor.url).port);
    await first.executor.stop();
    await sleep(1100);

    const second = createLocalExecutor({
      db,
      port,
      appUrls: [first.appUrl],
      namespace: first.namespace,
      resyncIntervalMs: 0,
    });
    const restartedAt = Date.now();
    await second.start();
    try {
      const napped = await second.waitForRun(napper.id);
      expect(napped.output).toBe("rested");
      expect((napped.endedAt?.getTime() ?? 0) - restartedAt).toBeLessThan(1000);
      await eventually(async () => count(`busy:${id}`) === 2);
      release(`busy:${id}`);
      const done = await second.waitForRun(busy.id);
      expect(done.output).toBe("finished");
    } finally {
      await second.stop();
      await first.close();
    }
  });
});
