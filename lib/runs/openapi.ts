import { z } from "zod";
import { MAX_EVENTS_PER_REQUEST, triggerEventSchema } from "./inputs";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message"],
      properties: {
        code: { type: "string", examples: ["BAD_REQUEST"] },
        message: { type: "string", examples: ["contact.phone: contact.phone is required"] },
        details: { type: "object", additionalProperties: true },
      },
    },
  },
} as const;

const eventStatusSchema = {
  type: "object",
  required: ["id", "name", "status", "receivedAt", "processedAt", "runs"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    status: { type: "string", enum: ["pending", "processed"] },
    receivedAt: { type: "string", format: "date-time" },
    processedAt: { type: ["string", "null"], format: "date-time" },
    runs: {
      type: "array",
      description: "What each published flow listening to the event did",
      items: {
        type: "object",
        required: ["flowId", "runId", "outcome"],
        properties: {
          flowId: { type: "string" },
          runId: { type: ["string", "null"] },
          outcome: {
            type: "string",
            enum: [
              "started",
              "queued",
              "restarted",
              "skipped_active",
              "suppressed",
              "filtered",
              "not_published",
            ],
          },
        },
      },
    },
    error: { type: "string", description: "Why no run could be started, when processing failed" },
  },
} as const;

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
});

/** The OpenAPI 3.1 description of the REST trigger API, built from the same zod schema the route uses. */
export function openApiDocument(serverUrl: string) {
  const event = z.toJSONSchema(triggerEventSchema, { io: "input" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Raqi events API",
      version: "1.0.0",
      description:
        "Start published flows from your systems: each event starts the flows whose trigger listens to its name.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/events": {
        post: {
          operationId: "sendEvents",
          summary: "Send one event or a batch",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description:
                "A retry with the same key within 24 hours starts nothing new and answers as the first time.",
              schema: { type: "string", maxLength: 200 },
            },
          ],
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: {
                  oneOf: [
                    { $ref: "#/components/schemas/Event" },
                    {
                      type: "object",
                      required: ["events"],
                      properties: {
                        events: {
                          type: "array",
                          minItems: 1,
                          maxItems: MAX_EVENTS_PER_REQUEST,
                          items: { $ref: "#/components/schemas/Event" },
                        },
                      },
                    },
                  ],
                },
                example: {
                  name: "order.shipped",
                  contact: { phone: "+966501234567", name: "Sara" },
                  data: { order_id: "#1042", tracking_url: "https://example.com/t/1042" },
                },
              },
            },
          },
          responses: {
            "202": {
              description:
                "Accepted: the events are stored and their runs start right after this answer; " +
                "GET /api/v1/events/{eventId} tells which runs each started",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["events"],
                    properties: {
                      events: {
                        type: "array",
                        items: {
                          type: "object",
                          required: ["id", "duplicate"],
                          properties: {
                            id: { type: "string" },
                            duplicate: {
                              type: "boolean",
                              description:
                                "The idempotency key was seen in the last 24 hours: id is the first event's",
                            },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
            "400": errorResponse("The body or a header is invalid; the message names the field"),
            "401": errorResponse("Missing, unknown or revoked API key"),
            "403": errorResponse("The key lacks the events:write scope"),
            "413": errorResponse("The body is larger than 1 MB"),
            "429": errorResponse("Too many requests for this key; see Retry-After"),
          },
        },
      },
      "/api/v1/events/{eventId}": {
        get: {
          operationId: "getEvent",
          summary: "What an event started",
          parameters: [{ name: "eventId", in: "path", required: true, schema: { type: "string" } }],
          responses: {
            "200": {
              description:
                "The event: pending until its runs are started (usually milliseconds), then processed",
              content: {
                "application/json": {
                  schema: {
                    type: "object",
                    required: ["event"],
                    properties: { event: { $ref: "#/components/schemas/EventStatus" } },
                  },
                },
              },
            },
            "401": errorResponse("Missing, unknown or revoked API key"),
            "403": errorResponse("The key lacks the events:write scope"),
            "404": errorResponse("No such event was sent with this workspace's keys"),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "A workspace API key (rqk_…)" },
      },
      schemas: { Event: event, EventStatus: eventStatusSchema, Error: errorSchema },
    },
  };
}
