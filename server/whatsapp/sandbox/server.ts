import http from "node:http";
import type { AddressInfo } from "node:net";
import { handleControl } from "./control";
import { createSandbox } from "./index";
import type { Sandbox, SandboxOptions } from "./types";

/**
 * The sandbox as its own HTTP server (`npm run sandbox`): Graph routes on any version path, plus the
 * JSON control routes of ./control.ts, so processes other than the app can drive it.
 */

export interface SandboxServer {
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

export async function startSandboxServer(
  options: SandboxOptions & { port: number; host?: string },
): Promise<SandboxServer> {
  const { port, host = "127.0.0.1", ...sandboxOptions } = options;
  const sandbox = createSandbox(sandboxOptions);
  const server = http.createServer((req, res) => {
    void answer(sandbox, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost =
    host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}`,
    sandbox,
    async close() {
      await sandbox.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function answer(sandbox: Sandbox, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // A client that hangs up aborts the request: a held ("timeout" fault) answer is released.
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const request = new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`), {
    method,
    headers,
    body: method === "GET" || method === "HEAD" || chunks.length === 0 ? undefined : Buffer.concat(chunks),
    signal: abort.signal,
  });
  let response: Response;
  try {
    response =
      (await handleControl(sandbox, request)) ?? (await sandbox.fetch(request, { signal: abort.signal }));
  } catch (error) {
    if (abort.signal.aborted) return;
    throw error;
  }
  const outgoing: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    outgoing[name] = value;
  });
  res.writeHead(response.status, outgoing);
  res.end(Buffer.from(await response.arrayBuffer()));
}
