import "server-only";
import pino from "pino";

/** Structured logs. Secrets, tokens and passwords are redacted wherever they appear in a log object. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "raqi" },
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "accessToken",
      "*.accessToken",
      "access_token",
      "*.access_token",
      "secret",
      "*.secret",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      "phone",
      "*.phone",
    ],
    censor: "[REDACTED]",
  },
});
