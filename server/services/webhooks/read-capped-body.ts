import "server-only";

/** Meta sends at most 3 MB per webhook POST (../shared/WHATSAPP.md, "Webhooks"). */
export const MAX_WEBHOOK_BYTES = 3 * 1024 * 1024;

export type CappedBody = { ok: true; bytes: Uint8Array } | { ok: false; reason: "too_large" };

/**
 * Reads a request body as raw bytes, stopping (and cancelling the stream) as soon as it passes
 * `maxBytes`, so a client that lies about or omits Content-Length cannot make us buffer more.
 */
export async function readCappedBody(request: Request, maxBytes = MAX_WEBHOOK_BYTES): Promise<CappedBody> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  if (chunks.length === 1 && chunks[0]) return { ok: true, bytes: chunks[0] };
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}
