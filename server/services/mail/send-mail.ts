import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/server/env";
import { logger } from "@/server/logger";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transporter: Transporter | undefined;

/**
 * Sends through SMTP_URL when it is set. Without it (development) nothing is sent: the caller shows
 * the link on screen and the mail is logged, so no mail server is needed.
 */
export async function sendMail(mail: Mail): Promise<{ delivered: boolean }> {
  const { SMTP_URL, MAIL_FROM } = env();
  if (!SMTP_URL) {
    logger.info(
      { mailTo: mail.to, subject: mail.subject, text: mail.text },
      "mail not sent (no SMTP_URL): logged instead",
    );
    return { delivered: false };
  }
  transporter ??= nodemailer.createTransport(SMTP_URL);
  try {
    await transporter.sendMail({ from: MAIL_FROM, ...mail });
    return { delivered: true };
  } catch (error) {
    logger.error({ err: error, subject: mail.subject }, "mail delivery failed");
    return { delivered: false };
  }
}
