/**
 * Arrangement helpers for the WhatsApp channel tests: a workspace connected to the app's in-process
 * sandbox, whose webhooks are captured (or handed to a handler) instead of going over HTTP.
 */
import { getDb } from "@/db/client";
import { upsertContact } from "@/server/services/contacts/upsert-contact";
import { appSandbox, setSandboxDelivery } from "@/server/whatsapp/channel";
import type { ConnectionView } from "@/server/services/connections/get-connection";
import { createFlowWorkspace, type FlowWorkspace } from "./flow-fixtures";

export interface ConnectedWorkspace extends FlowWorkspace {
  connection: ConnectionView;
  /** Meta's id of the workspace's sandbox number. */
  metaPhoneNumberId: string;
}

/** Webhooks the sandbox sent while no handler was set, newest last. */
export const capturedWebhooks: unknown[] = [];

/** Captures the sandbox's webhooks (the default) or hands them to `handler` (e.g. the webhook route). */
export function deliverSandboxWebhooks(handler?: (request: Request) => Promise<Response>): void {
  setSandboxDelivery(
    handler ??
      (async (request) => {
        capturedWebhooks.push(await request.json());
        return new Response("ok");
      }),
  );
}

/** A workspace (owner, editor, viewer) whose owner connected the sandbox through connection.connectSandbox. */
export async function createConnectedWorkspace(label = "wa"): Promise<ConnectedWorkspace> {
  deliverSandboxWebhooks();
  const fixture = await createFlowWorkspace(label);
  const connection = await fixture.ownerCaller.connection.connectSandbox({ workspaceSlug: fixture.slug });
  const number = connection.phoneNumbers[0];
  if (!number) throw new Error("the sandbox connection has no phone number");
  return { ...fixture, connection, metaPhoneNumberId: number.metaPhoneNumberId };
}

/** Opens the customer-service window as if the contact had just written. */
export async function markInbound(workspaceId: string, phone: string, at = new Date()): Promise<void> {
  const db = await getDb();
  await upsertContact({ workspaceId, phone, inboundAt: at }, db);
}

export { appSandbox };
