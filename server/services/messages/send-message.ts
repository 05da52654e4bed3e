import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { messages, templates, type MessageStatus } from "@/db/schema";
import { describeMetaError, type MetaErrorInfo } from "@/lib/whatsapp/errors";
import {
  buildInteractiveButtons,
  buildInteractiveList,
  buildTemplateSend,
  buildTextMessage,
  PayloadError,
  type MessageContent,
} from "@/lib/whatsapp/payloads";
import type { TemplateSummary } from "@/lib/whatsapp/template";
import { isInsideServiceWindow } from "@/lib/whatsapp/window";
import { toE164 } from "@/lib/privacy/phone";
import { AppError } from "@/server/errors";
import { emitDomainEvent } from "@/server/events";
import { logger } from "@/server/logger";
import { markConnectionBroken, loadSender, type Sender } from "@/server/services/connections/sender";
import { addSuppression, findBlockingSuppression } from "@/server/services/contacts/suppressions";
import { upsertContact } from "@/server/services/contacts/upsert-contact";
import { graphClient } from "@/server/whatsapp/channel";
import { GraphError } from "@/server/whatsapp/graph-client";
import { reservePhoneSlot, reserveRecipientSlot, waitUntil } from "./pacing";

export interface SendMessageInput {
  /** A phone number in any common notation; stored and sent as E.164. */
  to: string;
  content: MessageContent;
  /** A flow step's send: the same (runId, stepKey) sends once, however often it is retried. */
  runId?: string;
  stepKey?: string;
  /** Our phone number id; the workspace's default number when absent. */
  phoneNumberId?: string;
  contactName?: string;
  /**
   * The confirmation of an opt-out the same run has just recorded ("You will not receive promotions"):
   * sent although the contact is now suppressed. Only free-form text inside the window qualifies.
   */
  optOutConfirmation?: boolean;
}

export interface SendFailure {
  code: number;
  title: string;
  explanation: string;
  fix: string;
  details: string | null;
}

export interface SendMessageResult {
  messageId: string;
  contactId: string;
  wamid: string | null;
  status: MessageStatus;
  /** True when an earlier attempt of the same step already sent it. */
  deduplicated: boolean;
  failure?: SendFailure;
}

/**
 * A Meta error worth retrying (throughput, pair limit, 5xx, timeout). The message stays pending;
 * the caller retries with backoff (Inngest does it for flow steps) and the retry sends once.
 */
export class RetryableSendError extends Error {
  constructor(
    public readonly messageId: string,
    public readonly info: MetaErrorInfo,
  ) {
    super(`WhatsApp send will be retried: ${info.title}`);
    this.name = "RetryableSendError";
  }
}

interface Prepared {
  body: object;
  type: string;
  preview: string;
  marketing: boolean;
  template?: { name: string; language: string; category: string };
}

function renderPreview(template: TemplateSummary, values: Record<string, string>): string {
  const body = template.components.find((c) => c.type === "BODY");
  const text = body && "text" in body ? body.text : template.name;
  return text.replace(/\{\{\s*([a-z0-9_]+)\s*\}\}/gi, (whole, key: string) => values[`body.${key}`] ?? whole);
}

async function prepare(workspaceId: string, to: string, content: MessageContent): Promise<Prepared> {
  try {
    switch (content.type) {
      case "template": {
        const db = await getDb();
        const [template] = await db
          .select()
          .from(templates)
          .where(
            and(
              eq(templates.workspaceId, workspaceId),
              eq(templates.name, content.name),
              eq(templates.language, content.language),
            ),
          )
          .limit(1);
        if (!template) {
          throw new AppError("BAD_REQUEST", `There is no template "${content.name}" in ${content.language}`, {
            reason: "template_unknown",
          });
        }
        if (template.status !== "APPROVED") {
          throw new AppError(
            "PRECONDITION_FAILED",
            `Template "${content.name}" is ${template.status.toLowerCase()}: only approved templates can be sent`,
            { reason: "template_not_approved", status: template.status },
          );
        }
        return {
          body: buildTemplateSend(to, template, content.values),
          type: "template",
          preview: renderPreview(template, content.values),
          marketing: template.category === "MARKETING",
          template: { name: template.name, language: template.language, category: template.category },
        };
      }
      case "text":
        return {
          body: buildTextMessage(to, content.body, { previewUrl: content.previewUrl }),
          type: "text",
          preview: content.body,
          marketing: false,
        };
      case "buttons":
        return {
          body: buildInteractiveButtons(to, content),
          type: "buttons",
          preview: content.body,
          marketing: false,
        };
      case "list":
        return {
          body: buildInteractiveList(to, content),
          type: "list",
          preview: content.body,
          marketing: false,
        };
    }
  } catch (error) {
    if (error instanceof PayloadError) {
      throw new AppError("BAD_REQUEST", error.message, {
        reason: "invalid_message",
        code: error.code,
        field: error.field,
      });
    }
    throw error;
  }
}

function failureOf(info: MetaErrorInfo, details: string | null): SendFailure {
  return { code: info.code, title: info.title, explanation: info.explanation, fix: info.fix, details };
}

/**
 * Sends one WhatsApp message for a workspace:
 * 1. builds the Graph body (refusing what Meta would refuse, with the reason);
 * 2. in one transaction: upserts the contact (its row lock orders this against an opt-out being
 *    processed), refuses a suppressed recipient or free-form content outside the 24-hour window, and
 *    records the message — once per (runId, stepKey);
 * 3. waits for the recipient's and the number's pacing slots;
 * 4. calls the Graph API and stores the wamid, or the decoded failure.
 * Permanent failures are returned (status "failed"); retryable ones throw RetryableSendError.
 */
export async function sendMessage(workspaceId: string, input: SendMessageInput): Promise<SendMessageResult> {
  const phone = toE164(input.to);
  if (!phone) {
    throw new AppError("BAD_REQUEST", `"${input.to}" is not a phone number WhatsApp can reach`, {
      reason: "invalid_phone",
      field: "to",
    });
  }
  if ((input.runId === undefined) !== (input.stepKey === undefined)) {
    throw new AppError("BAD_REQUEST", "runId and stepKey go together", { reason: "invalid_step" });
  }
  const sender = await loadSender(workspaceId, input.phoneNumberId);
  const prepared = await prepare(workspaceId, phone, input.content);
  const db = await getDb();

  const recorded = await db.transaction(async (tx) => {
    const contact = await upsertContact({ workspaceId, phone, name: input.contactName ?? null }, tx);
    if (input.runId && input.stepKey) {
      const [existing] = await tx
        .select()
        .from(messages)
        .where(and(eq(messages.runId, input.runId), eq(messages.stepKey, input.stepKey)))
        .limit(1);
      if (existing) return { row: existing, contact, existing: true };
    }
    const blocked = input.optOutConfirmation
      ? undefined
      : await findBlockingSuppression(workspaceId, phone, prepared.marketing, tx);
    if (blocked) {
      throw new AppError("PRECONDITION_FAILED", "This contact has opted out of these messages", {
        reason: "suppressed",
        scope: blocked.scope,
      });
    }
    if (input.content.type !== "template" && !isInsideServiceWindow(contact.lastInboundAt)) {
      throw new AppError(
        "PRECONDITION_FAILED",
        "More than 24 hours since the customer last wrote: send an approved template instead",
        { reason: "outside_window" },
      );
    }
    const [row] = await tx
      .insert(messages)
      .values({
        workspaceId,
        phoneNumberId: sender.phoneNumberId,
        contactId: contact.id,
        direction: "out",
        runId: input.runId ?? null,
        stepKey: input.stepKey ?? null,
        type: prepared.type,
        content: input.content as unknown as Record<string, unknown>,
        preview: prepared.preview,
        templateName: prepared.template?.name ?? null,
        templateLanguage: prepared.template?.language ?? null,
        category: prepared.template?.category ?? null,
        status: "pending",
      })
      .returning();
    if (!row) throw new Error("message insert returned no row");
    return { row, contact, existing: false };
  });

  const { row, contact } = recorded;
  if (recorded.existing && (row.wamid || row.status === "failed")) {
    return {
      messageId: row.id,
      contactId: contact.id,
      wamid: row.wamid,
      status: row.status,
      deduplicated: true,
      ...(row.status === "failed" && row.errorCode !== null
        ? { failure: failureOf(describeMetaError(row.errorCode), row.errorDetails) }
        : {}),
    };
  }

  await waitUntil(await reserveRecipientSlot(db, contact.id));
  await waitUntil(await reservePhoneSlot(db, sender.phoneNumberId, sender.throughputPerSecond));
  return callGraph(workspaceId, sender, phone, prepared, row.id, contact.id);
}

async function callGraph(
  workspaceId: string,
  sender: Sender,
  phone: string,
  prepared: Prepared,
  messageId: string,
  contactId: string,
): Promise<SendMessageResult> {
  const db = await getDb();
  try {
    const sent = await graphClient(sender.kind).sendMessage(
      { sealedToken: sender.sealedToken },
      sender.metaPhoneNumberId,
      prepared.body,
    );
    // A status webhook may already have moved it past accepted: only ever move forward.
    await db
      .update(messages)
      .set({
        wamid: sent.wamid,
        status: sql`case when ${messages.status} = 'pending' then 'accepted' else ${messages.status} end`,
        acceptedAt: sql`now()`,
        attempts: sql`${messages.attempts} + 1`,
        errorCode: null,
        errorTitle: null,
        errorDetails: null,
        updatedAt: sql`now()`,
      })
      .where(eq(messages.id, messageId));
    return { messageId, contactId, wamid: sent.wamid, status: "accepted", deduplicated: false };
  } catch (error) {
    if (!(error instanceof GraphError)) throw error;
    const info = error.info;
    if (info.retryable) {
      await db
        .update(messages)
        .set({
          attempts: sql`${messages.attempts} + 1`,
          errorCode: error.code,
          errorTitle: info.title,
          errorDetails: error.details ?? null,
          updatedAt: sql`now()`,
        })
        .where(eq(messages.id, messageId));
      logger.warn({ workspaceId, messageId, code: error.code }, "WhatsApp send failed, will retry");
      throw new RetryableSendError(messageId, info);
    }
    let optedOut = false;
    await db.transaction(async (tx) => {
      await tx
        .update(messages)
        .set({
          status: "failed",
          failedAt: sql`now()`,
          attempts: sql`${messages.attempts} + 1`,
          errorCode: error.code,
          errorTitle: info.title,
          errorDetails: error.details ?? null,
          updatedAt: sql`now()`,
        })
        .where(eq(messages.id, messageId));
      if (error.code === 131050) {
        optedOut = await addSuppression(
          { workspaceId, phone, scope: "marketing", source: "meta_131050", contactId },
          tx,
        );
      }
    });
    if (optedOut) {
      await emitDomainEvent({
        name: "contact/opted-out",
        data: { workspaceId, contactId, scope: "marketing", source: "meta_131050" },
      });
    }
    if (info.kind === "auth" || info.kind === "restricted") {
      await markConnectionBroken(workspaceId, sender.connectionId, info.title);
    }
    logger.warn({ workspaceId, messageId, code: error.code }, "WhatsApp send failed permanently");
    return {
      messageId,
      contactId,
      wamid: null,
      status: "failed",
      deduplicated: false,
      failure: failureOf(info, error.details ?? null),
    };
  }
}

/** For callers outside a durable function (the test-send action): a few retries with backoff. */
export async function sendMessageWithRetry(
  workspaceId: string,
  input: SendMessageInput,
  attempts = 4,
): Promise<SendMessageResult> {
  // Without a step of its own, the send gets a one-off key so that its retries still send once.
  const runId = input.runId ?? `adhoc:${crypto.randomUUID()}`;
  const stepKey = input.stepKey ?? "send";
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendMessage(workspaceId, { ...input, runId, stepKey });
    } catch (error) {
      if (!(error instanceof RetryableSendError) || attempt >= attempts) {
        if (error instanceof RetryableSendError) {
          throw new AppError(
            "RATE_LIMITED",
            `WhatsApp did not accept the message: ${error.info.explanation}`,
            {
              reason: "meta_retryable",
              metaCode: error.info.code,
            },
          );
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** (attempt - 1)));
    }
  }
}
