import "server-only";
import path from "node:path";
import type { ConnectionKind } from "@/db/schema";
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import { createGraphClient, type GraphClient } from "@/server/whatsapp/graph-client";
import { createSandbox, type Sandbox } from "@/server/whatsapp/sandbox";

/** The sandbox's app id: what its debug_token and OAuth endpoints expect. */
export const SANDBOX_APP_ID = "raqi-sandbox";

type Delivery = (request: Request) => Promise<Response>;

interface ChannelState {
  sandbox?: Sandbox;
  delivery?: Delivery;
  graph: Partial<Record<ConnectionKind, GraphClient>>;
}

// One per process, shared by Next's separate bundles (route handlers, server components, instrumentation).
const holder = globalThis as unknown as { __raqiChannel?: ChannelState };
const state = (holder.__raqiChannel ??= { graph: {} });

/**
 * The in-process Meta fake. Its webhooks go to this app's own webhook route, signed with
 * META_APP_SECRET exactly like Meta's; sent messages and accounts persist in the data folder.
 */
export function appSandbox(): Sandbox {
  if (!state.sandbox) {
    const settings = env();
    const webhookUrl = new URL("/api/webhooks/whatsapp", settings.APP_URL).toString();
    state.sandbox = createSandbox({
      appId: SANDBOX_APP_ID,
      appSecret: settings.META_APP_SECRET,
      webhookUrl,
      deliver: (request) => (state.delivery ? state.delivery(request) : fetch(request)),
      persistFile: settings.NODE_ENV === "test" ? undefined : path.join(settings.dataDir, "sandbox.json"),
    });
    logger.info({ webhookUrl }, "WhatsApp sandbox ready");
  }
  return state.sandbox;
}

/** Tests: deliver the sandbox's webhooks to a handler instead of over HTTP. */
export function setSandboxDelivery(delivery: Delivery | undefined): void {
  state.delivery = delivery;
}

/** Tests: forget the sandbox (its timers stop). */
export async function resetAppSandbox(): Promise<void> {
  const sandbox = state.sandbox;
  state.sandbox = undefined;
  state.graph.sandbox = undefined;
  await sandbox?.close();
}

/** Tests: use this client for a connection kind (e.g. a second sandbox standing in for Meta). */
export function overrideGraphClient(kind: ConnectionKind, client: GraphClient | undefined): void {
  state.graph[kind] = client;
}

/** The Graph client for a connection kind: Meta's Graph API, or the sandbox (in-process or standalone). */
export function graphClient(kind: ConnectionKind): GraphClient {
  const cached = state.graph[kind];
  if (cached) return cached;
  const settings = env();
  const client =
    kind === "meta"
      ? createGraphClient({ baseUrl: settings.META_GRAPH_URL, version: settings.META_GRAPH_VERSION })
      : settings.SANDBOX_GRAPH_URL
        ? createGraphClient({ baseUrl: settings.SANDBOX_GRAPH_URL, version: settings.META_GRAPH_VERSION })
        : createGraphClient({
            baseUrl: "http://sandbox.invalid",
            version: settings.META_GRAPH_VERSION,
            fetch: (input, init) => appSandbox().fetch(input, init),
          });
  state.graph[kind] = client;
  return client;
}

export type SimulatedInbound = Parameters<Sandbox["simulateInbound"]>[0];

/** Sends a simulated inbound message from the sandbox: in-process, or through the standalone sandbox's control API. */
export async function simulateInbound(input: SimulatedInbound): Promise<{ wamid: string }> {
  const standalone = env().SANDBOX_GRAPH_URL;
  if (!standalone) return appSandbox().simulateInbound(input);
  const response = await fetch(new URL("/_sandbox/inbound", standalone), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!response.ok) throw new Error(`the sandbox refused the simulated message (HTTP ${response.status})`);
  return (await response.json()) as { wamid: string };
}

export type SandboxAccount = ReturnType<Sandbox["provisionAccount"]>;

/** A new sandbox business account with one number and the sample templates. */
export async function provisionSandboxAccount(businessName: string): Promise<SandboxAccount> {
  const standalone = env().SANDBOX_GRAPH_URL;
  if (!standalone) return appSandbox().provisionAccount({ businessName });
  const response = await fetch(new URL("/_sandbox/accounts", standalone), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ businessName }),
  });
  if (!response.ok) throw new Error(`the sandbox refused to create an account (HTTP ${response.status})`);
  return (await response.json()) as SandboxAccount;
}
