#!/usr/bin/env node
// `npm test`: every check and test suite in order, with a count at the end.
//
//   node scripts/test.mjs                        everything
//   node scripts/test.mjs --only=unit,integration
//   node scripts/test.mjs --skip-e2e
//
// Steps: lint, typecheck, unit, integration (PGlite), integration-postgres, build, e2e.
// `--only=integration` selects both integration steps; `--only=e2e` also runs build (e2e needs it).
// Lint, typecheck and build count as one check each. A failing suite does not stop the run (every count
// gets known), except that e2e is skipped when the build failed.
// The last line is exactly "N passed, N failed". Exit code 1 if anything failed, or if test suites were
// selected but no test ran at all.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { e2eServerEnv, testPgUrl } from "./test/test-env.mjs";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RESULTS = path.join(ROOT, "test-results");
const IS_CI = process.env.CI === "true" || process.env.CI === "1";
const STEP_TIMEOUT_MS = Number(process.env.RAQI_TEST_STEP_TIMEOUT_MIN || 30) * 60_000;

const STEPS = ["lint", "typecheck", "unit", "integration", "integration-postgres", "build", "e2e", "bench"];
const ALIASES = {
  integration: ["integration", "integration-postgres"],
  "integration-pglite": ["integration"],
};
const TEST_SUITES = new Set(["unit", "integration", "integration-postgres", "e2e"]);

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  let only = null;
  let skipE2e = false;
  for (const arg of argv) {
    if (arg === "--skip-e2e") skipE2e = true;
    else if (arg.startsWith("--only="))
      only = arg
        .slice("--only=".length)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (arg === "--help" || arg === "-h") {
      console.log(`usage: node scripts/test.mjs [--only=${STEPS.join(",")}] [--skip-e2e]`);
      process.exit(0);
    } else {
      console.error(`test.mjs: unknown argument ${arg} (use --only=a,b or --skip-e2e)`);
      process.exit(2);
    }
  }
  let selected = new Set(STEPS);
  if (only) {
    selected = new Set();
    for (const name of only) {
      const expanded = ALIASES[name] ?? (STEPS.includes(name) ? [name] : null);
      if (!expanded) {
        console.error(`test.mjs: unknown step "${name}"; steps: ${STEPS.join(", ")}, integration-pglite`);
        process.exit(2);
      }
      expanded.forEach((s) => selected.add(s));
    }
    if (selected.has("e2e") || selected.has("bench")) selected.add("build");
  }
  if (skipE2e) selected.delete("e2e");
  return selected;
}

// ---------------------------------------------------------------- processes

let current = null;
let interrupted = false;

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    interrupted = true;
    if (current) killGroup(current, signal);
    else process.exit(130);
  });
}

/** Runs a command in its own process group (so a timeout or Ctrl-C also ends its children, e.g. `next start`). */
function run(command, args, { env = process.env, capture = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ["ignore", capture ? "pipe" : "inherit", "inherit"],
    });
    current = child;
    let stdout = "";
    if (capture) child.stdout.on("data", (chunk) => (stdout += chunk));
    const timer = setTimeout(() => {
      console.error(`\n${command} ${args.join(" ")}: timed out after ${STEP_TIMEOUT_MS / 60_000} min`);
      killGroup(child, "SIGTERM");
      setTimeout(() => killGroup(child, "SIGKILL"), 10_000).unref();
    }, STEP_TIMEOUT_MS);
    child.on("error", (error) => {
      console.error(`${command}: ${error.message}`);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve({ code: code ?? (signal ? 128 : 1), stdout });
    });
  });
}

function envWithout(keys, extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of keys) delete env[key];
  return env;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function rmQuiet(target) {
  fs.rmSync(target, { recursive: true, force: true });
}

// ---------------------------------------------------------------- steps
// Each returns { passed, failed, note? } or { skipped: "reason" }.

async function check(command, args, env) {
  const { code } = await run(command, args, { env });
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `exit code ${code}` };
}

async function typecheck() {
  // Route and PageProps types live in .next/types (and next-env.d.ts), both generated and gitignored:
  // create them first so a fresh clone typechecks without a build.
  const gen = await run("npx", ["next", "typegen"]);
  if (gen.code !== 0) return { passed: 0, failed: 1, note: `next typegen exited ${gen.code}` };
  return check("npx", ["tsc", "--noEmit"]);
}

async function vitest(project, reportName, extraEnv = {}) {
  const report = path.join(RESULTS, `vitest-${reportName}.json`);
  rmQuiet(report);
  const { code } = await run(
    "npx",
    [
      "vitest",
      "run",
      "--project",
      project,
      "--passWithNoTests",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${report}`,
    ],
    { env: { ...process.env, ...extraEnv } },
  );
  const json = readJson(report);
  if (!json) return { passed: 0, failed: 1, note: `vitest exited ${code} without a report` };
  const passed = json.numPassedTests ?? 0;
  let failed = json.numFailedTests ?? 0;
  const notes = [];
  if (json.numTotalTests === 0) notes.push("no tests");
  // A file that failed to load (or whose hooks threw) has no failed test of its own: count it as one.
  const brokenFiles = (json.testResults ?? []).filter(
    (file) =>
      file.status === "failed" && !(file.assertionResults ?? []).some((test) => test.status === "failed"),
  );
  if (brokenFiles.length > 0) {
    failed += brokenFiles.length;
    notes.push(`${brokenFiles.length} file(s) failed outside tests`);
  }
  if (code !== 0 && failed === 0) {
    // An unhandled error, a failing global setup…: not a test, still a failure.
    failed = 1;
    notes.push(`vitest exited ${code}`);
  }
  return { passed, failed, note: notes.join("; ") || undefined };
}

/** True when the Postgres server of RAQI_TEST_PG_URL accepts a TCP connection (auth problems then fail loudly). */
function postgresReachable() {
  const url = new URL(testPgUrl());
  const host = (url.hostname || "127.0.0.1").replace(/^\[|\]$/g, "");
  const port = Number(url.port || 5432);
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(3000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

function redact(raw) {
  try {
    const url = new URL(raw);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return raw;
  }
}

async function integrationPostgres() {
  if (!(await postgresReachable())) {
    const where = redact(testPgUrl());
    if (IS_CI) {
      console.log(`Postgres not reachable at ${where}: required when CI=true`);
      return { passed: 0, failed: 1, note: "Postgres not reachable (required in CI)" };
    }
    return { skipped: `Postgres not reachable at ${where}` };
  }
  return vitest("integration", "integration-postgres", { RAQI_TEST_DB: "postgres" });
}

async function build() {
  // Same environment as the e2e server (secrets, APP_URL, no DATABASE_URL); its own data dir, which nothing
  // in the build should touch.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-build-"));
  try {
    return await check("npx", ["next", "build"], envWithout(["DATABASE_URL"], e2eServerEnv(dataDir)));
  } finally {
    rmQuiet(dataDir);
  }
}

async function e2e(buildResult) {
  if (!buildResult || buildResult.failed > 0 || buildResult.skipped) return { skipped: "build failed" };

  const browser = await run(
    process.execPath,
    [path.join(ROOT, "scripts", "find-chromium.mjs"), "--install"],
    {
      capture: true,
    },
  );
  const chromium = browser.stdout.trim().split("\n").pop();
  if (browser.code !== 0 || !chromium) return { passed: 0, failed: 1, note: "no Chromium for e2e" };
  console.log(`Chromium: ${chromium}`);

  const report = path.join(RESULTS, "e2e.json");
  rmQuiet(report);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "raqi-e2e-"));
  const { code } = await run("npx", ["playwright", "test", "--pass-with-no-tests"], {
    env: envWithout(["DATABASE_URL"], { RAQI_E2E_DATA_DIR: dataDir, CHROMIUM_PATH: chromium }),
  });
  const json = readJson(report);
  if (!json) {
    console.log(`e2e data dir kept for inspection: ${dataDir}`);
    return { passed: 0, failed: 1, note: `playwright exited ${code} without a report` };
  }
  const stats = json.stats ?? {};
  const passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
  let failed = stats.unexpected ?? 0;
  let note = passed + failed + (stats.skipped ?? 0) === 0 ? "no test files" : undefined;
  if (failed === 0 && (code !== 0 || (json.errors ?? []).length > 0)) {
    failed = 1; // web server did not start, global error, …
    note = `playwright exited ${code}${json.errors?.length ? ` with ${json.errors.length} error(s)` : ""}`;
  }
  if (failed > 0) console.log(`e2e data dir kept for inspection: ${dataDir}`);
  else rmQuiet(dataDir);
  return { passed, failed, note };
}

/**
 * Every `bench:*` script of package.json at its seconds-long smoke size, against the build above: a
 * benchmark counts as passed when it exits 0 and ends with its figure line ("name: …"). Figures are not
 * judged here; benchmarks report, tests assert.
 */
async function benchSmoke(buildResult) {
  if (!buildResult || buildResult.failed > 0 || buildResult.skipped) return { skipped: "build failed" };
  const pkg = readJson(path.join(ROOT, "package.json")) ?? {};
  const names = Object.keys(pkg.scripts ?? {}).filter((s) => s.startsWith("bench:"));
  let passed = 0;
  let failed = 0;
  for (const name of names) {
    const { code, stdout } = await run("npm", ["run", "--silent", name, "--", "--smoke"], {
      capture: true,
      env: envWithout(["DATABASE_URL"]),
    });
    const last = stdout.trim().split("\n").pop() ?? "";
    const ok = code === 0 && /^[a-z][\w-]*: \S/.test(last);
    console.log(`${ok ? "ok  " : "FAIL"} ${name}: ${last || `exited ${code}`}`);
    if (ok) passed += 1;
    else failed += 1;
  }
  return { passed, failed, note: names.length === 0 ? "no benchmarks" : undefined };
}

// ---------------------------------------------------------------- main

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

function describe(result) {
  if (result.skipped) return `skipped: ${result.skipped}`;
  const counts = `${result.passed} passed, ${result.failed} failed`;
  return result.note ? `${counts} (${result.note})` : counts;
}

async function main() {
  const selected = parseArgs(process.argv.slice(2));
  const plan = STEPS.filter((s) => selected.has(s));
  fs.mkdirSync(RESULTS, { recursive: true });

  const results = new Map();
  const runners = {
    lint: () => check("npx", ["eslint", ".", "--max-warnings", "0"]),
    typecheck: typecheck,
    unit: () => vitest("unit", "unit"),
    integration: () => vitest("integration", "integration-pglite", { RAQI_TEST_DB: "pglite" }),
    "integration-postgres": integrationPostgres,
    build,
    e2e: () => e2e(results.get("build")),
    bench: () => benchSmoke(results.get("build")),
  };

  const started = Date.now();
  for (const [index, name] of plan.entries()) {
    if (interrupted) break;
    console.log(`\n━━━━ [${index + 1}/${plan.length}] ${name} ━━━━`);
    const stepStart = Date.now();
    const result = await runners[name]();
    result.duration = Date.now() - stepStart;
    results.set(name, result);
    console.log(`──── ${name}: ${describe(result)} in ${seconds(result.duration)}`);
  }

  let passed = 0;
  let failed = 0;
  let testsRan = 0;
  console.log(`\n━━━━ summary (${seconds(Date.now() - started)}) ━━━━`);
  for (const name of plan) {
    const result = results.get(name);
    if (!result) {
      console.log(`  ${name.padEnd(22)} not run (interrupted)`);
      failed += 1;
      continue;
    }
    console.log(`  ${name.padEnd(22)} ${describe(result)}  [${seconds(result.duration)}]`);
    passed += result.passed ?? 0;
    failed += result.failed ?? 0;
    if (TEST_SUITES.has(name)) testsRan += (result.passed ?? 0) + (result.failed ?? 0);
  }
  const suitesSelected = plan.some((s) => TEST_SUITES.has(s));
  const noTests = suitesSelected && testsRan === 0;
  if (noTests) console.log("  no tests ran: treated as a failure");
  if (interrupted) console.log("  interrupted");

  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || noTests || interrupted || passed + failed === 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exitCode = 1;
});
