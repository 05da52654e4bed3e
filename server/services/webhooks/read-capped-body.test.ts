import { describe, expect, it } from "vitest";
import { readCappedBody } from "./read-capped-body";

function streamOf(chunks: number, size: number): { request: Request; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks) return controller.close();
      pulled += 1;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
  const request = new Request("http://localhost/hook", {
    method: "POST",
    body,
    duplex: "half",
  } as RequestInit & {
    duplex: "half";
  });
  return { request, pulled: () => pulled };
}

describe("readCappedBody", () => {
  it("returns the exact bytes of a body within the cap", async () => {
    const result = await readCappedBody(
      new Request("http://localhost/hook", { method: "POST", body: "héllo" }),
      100,
    );

    expect(result.ok && new TextDecoder().decode(result.bytes)).toBe("héllo");
  });

  it("refuses a declared Content-Length over the cap before reading anything", async () => {
    const { request, pulled } = streamOf(10, 10);
    const declared = new Request(request, { headers: { "content-length": "101" } });

    expect(await readCappedBody(declared, 100)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled()).toBeLessThanOrEqual(1);
  });

  it("stops reading a streamed body as soon as it passes the cap", async () => {
    const { request, pulled } = streamOf(1_000, 64);

    expect(await readCappedBody(request, 1_000)).toEqual({ ok: false, reason: "too_large" });
    expect(pulled()).toBeLessThan(20);
  });

  it("accepts a body of exactly the cap", async () => {
    const { request } = streamOf(10, 10);

    const result = await readCappedBody(request, 100);

    expect(result.ok && result.bytes.byteLength).toBe(100);
  });
});
