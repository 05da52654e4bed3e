import http from "node:http";
import type { Logger } from "pino";
import { z } from "zod";
import { incomingEventSchema, registerRequestSchema, type IncomingEvent } from "./protocol";

/**
 * The executor's HTTP API, the part of the Inngest dev server the SDK talks to (INNGEST-PROTOCOL.md §2, §7):
 * `POST /e/:key` (event API), `POST /fn/register` (out-of-band sync), `GET /health`.
 */
export interface HttpApiHandlers {
  /** Accepts events; resolves with their ids. `seed`: the SDK's x-inngest-event-id-seed header. */
  events: (events: IncomingEvent[], seed: string | undefined) => Promise<string[]>;
  register: (app: { appId: string; url: string; functions: unknown[] }) => Promise<void>;
}

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const eventsBodySchema = z.union([z.array(incomingEventSchema), incomingEventSchema.transform((e) => [e])]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Body too large");
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "Body is not JSON");
  }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

export function createHttpApi(handlers: HttpApiHandlers, log: Logger): http.Server {
  return http.createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://local").pathname;
    const route = async () => {
      if (req.method === "GET" && path === "/health") return reply(res, 200, { status: "ok" });
      if (req.method === "POST" && /^\/e\/[^/]+\/?$/.test(path)) {
        const parsed = eventsBodySchema.safeParse(await readJson(req));
        if (!parsed.success)
          throw new HttpError(400, `Invalid events: ${parsed.error.issues[0]?.message ?? ""}`);
        const seed = req.headers["x-inngest-event-id-seed"];
        const ids = await handlers.events(parsed.data, typeof seed === "string" ? seed : undefined);
        // The SDK treats an answer without `status: 200` as a failure, even on HTTP 200 (§7).
        return reply(res, 200, { ids, status: 200 });
      }
      if (req.method === "POST" && path === "/fn/register") {
        const parsed = registerRequestSchema.safeParse(await readJson(req));
        if (!parsed.success) throw new HttpError(400, "Invalid registration");
        await handlers.register({
          appId: parsed.data.appName,
          url: parsed.data.url,
          functions: parsed.data.functions,
        });
        // The SDK copies `status` (default 200) into its PUT answer.
        return reply(res, 200, { ok: true, modified: true });
      }
      throw new HttpError(404, `No route ${req.method ?? ""} ${path}`);
    };
    route().catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (status >= 500) log.error({ err: error, path }, "local executor API error");
      if (!res.headersSent) reply(res, status, { error: message, status });
    });
  });
}
