/**
 * `npm run sandbox`: the WhatsApp sandbox (the Meta fake) as its own server, for running the app against
 * it from another process (set SANDBOX_GRAPH_URL in the app to the printed URL).
 *
 *   SANDBOX_PORT         default 8290
 *   SANDBOX_WEBHOOK_URL  default http://localhost:3000/api/webhooks/whatsapp
 *   META_APP_SECRET      signs the webhooks; default: the secret `npm run dev` generated in the data folder
 *   META_APP_ID          default "raqi-sandbox" (the app's sandbox app id)
 *   SANDBOX_STATE_FILE   default <data folder>/sandbox-standalone.json ("" keeps nothing)
 */
import fs from "node:fs";
import path from "node:path";
import { resolveDataDir } from "../db/data-dir";
import { startSandboxServer } from "../server/whatsapp/sandbox/server";

function appSecret(): string {
  if (process.env.META_APP_SECRET) return process.env.META_APP_SECRET;
  const file = path.join(resolveDataDir(), "secrets.json");
  try {
    const secrets = JSON.parse(fs.readFileSync(file, "utf8")) as { metaAppSecret?: unknown };
    if (typeof secrets.metaAppSecret === "string" && secrets.metaAppSecret) return secrets.metaAppSecret;
  } catch {
    // no generated secrets yet: say so below
  }
  console.error(`Set META_APP_SECRET, or run \`npm run dev\` once so that ${file} holds the generated one.`);
  process.exit(1);
}

const port = Number(process.env.SANDBOX_PORT || 8290);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`SANDBOX_PORT must be a port number, not ${process.env.SANDBOX_PORT}`);
  process.exit(1);
}
const webhookUrl = process.env.SANDBOX_WEBHOOK_URL || "http://localhost:3000/api/webhooks/whatsapp";
const stateFile = process.env.SANDBOX_STATE_FILE ?? path.join(resolveDataDir(), "sandbox-standalone.json");

const server = await startSandboxServer({
  port,
  host: process.env.SANDBOX_HOST || "127.0.0.1",
  appId: process.env.META_APP_ID || "raqi-sandbox",
  appSecret: appSecret(),
  webhookUrl,
  persistFile: stateFile || undefined,
  log: (line) => console.warn(`[sandbox] ${line}`),
});
console.log(`WhatsApp sandbox listening on ${server.url} (webhooks → ${webhookUrl})`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
