/**
 * `npm run bench:builder` — how fast the flow builder opens a 500-node flow, how fast validation runs on
 * it, and how much JavaScript the builder route loads. Targets (issue 4): open < 1.5 s, validate < 5 ms,
 * JS < 300 kB gzip. `--smoke` runs a seconds-long small size (npm test runs it so the benchmark never rots).
 * Last line: `builder: open 1234ms validate 2.1ms js 280kB`.
 */
import { gzipSync } from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { generateFlow } from "../../lib/flow/generate";
import { SAMPLE_TEMPLATES } from "../../lib/flow/starters";
import { validate } from "../../lib/flow/validate";
import { findChromium } from "../find-chromium.mjs";
import { median, startAppServer } from "./support";

const smoke = process.argv.includes("--smoke");
/** `--verbose` lists every script the builder route loads, with its gzip size. */
const verbose = process.argv.includes("--verbose");
const NODES = smoke ? 40 : 500;
const OPENS = smoke ? 1 : 7;
const VALIDATES = smoke ? 10 : 100;

function measureValidate(): number {
  const doc = generateFlow(NODES, 42);
  const ctx = { templates: SAMPLE_TEMPLATES };
  const errors = validate(doc, ctx).filter((f) => f.severity === "error");
  if (errors.length > 0) throw new Error(`the generated flow is not valid: ${errors[0]?.message}`);
  for (let i = 0; i < 10; i++) validate(doc, ctx); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < VALIDATES; i++) {
    const t0 = performance.now();
    validate(doc, ctx);
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function seedFlow(context: BrowserContext, baseUrl: string): Promise<string> {
  const api = context.request;
  const email = `bench-${Date.now()}@example.com`;
  const password = "benchmark password 42";
  const call = async (procedure: string, input: unknown) => {
    const res = await api.post(`${baseUrl}/api/trpc/${procedure}`, { data: { json: input } });
    const body = (await res.json()) as { result?: { data?: { json?: unknown } }; error?: unknown };
    if (!res.ok()) throw new Error(`${procedure} failed: ${JSON.stringify(body.error)}`);
    return body.result?.data?.json as Record<string, unknown>;
  };
  await call("account.signUp", { name: "Bench", email, password });
  const csrf = (await (await api.get(`${baseUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  await api.post(`${baseUrl}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password, callbackUrl: baseUrl },
  });
  const slug = `bench-${Date.now().toString(36)}`;
  await call("workspace.create", { name: "Bench", slug });
  const flow = await call("flow.import", {
    workspaceSlug: slug,
    name: `Generated ${NODES}`,
    file: generateFlow(NODES, 42),
  });
  return `${baseUrl}/w/${slug}/flows/${String(flow.id)}`;
}

async function main() {
  const validateMs = measureValidate();
  const server = await startAppServer();
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  try {
    const setup = await browser.newContext();
    const url = await seedFlow(setup, server.baseUrl);
    const state = await setup.storageState();
    await setup.close();

    const opens: number[] = [];
    let jsBytes = 0;
    // One untimed open first so the server has compiled and cached the route, as for a real user.
    for (let i = 0; i <= OPENS; i++) {
      const context = await browser.newContext({
        storageState: state,
        viewport: { width: 1440, height: 900 },
      });
      const page = await context.newPage();
      const scripts: Promise<number>[] = [];
      if (i === 1) {
        page.on("response", (res) => {
          if (res.request().resourceType() !== "script") return;
          const size = res.body().then(
            (b) => gzipSync(b).length,
            () => 0,
          );
          if (verbose)
            void size.then((n) => console.error(`${(n / 1024).toFixed(1).padStart(7)} kB  ${res.url()}`));
          scripts.push(size);
        });
      }
      const t0 = Date.now();
      await page.goto(url);
      await page.locator('[data-canvas-ready="true"]').waitFor({ timeout: 60_000 });
      const elapsed = Date.now() - t0;
      if (i > 0) opens.push(elapsed);
      if (i === 1) jsBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
      await context.close();
    }
    const size = smoke ? ` (smoke: ${NODES} nodes)` : "";
    console.log(
      `builder: open ${Math.round(median(opens))}ms validate ${validateMs.toFixed(validateMs < 1 ? 2 : 1)}ms js ${Math.round(jsBytes / 1024)}kB${size}`,
    );
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
