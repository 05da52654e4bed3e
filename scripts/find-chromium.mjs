#!/usr/bin/env node
// Finds a Chromium executable for Playwright.
//   import { findChromium } from "./find-chromium.mjs"  -> path or null
//   node scripts/find-chromium.mjs [--install]          -> prints the path; with --install tries to get one first
// Order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, Playwright's own download.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const SYSTEM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
const NOT_FOUND =
  "No Chromium found: run `sudo apt-get install -y chromium` or `npx playwright install chromium`, or set CHROMIUM_PATH";

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function playwrightChromium() {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    const file = chromium.executablePath();
    return file && isExecutable(file) ? file : null;
  } catch {
    return null;
  }
}

/** @returns {string | null} */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  for (const file of SYSTEM_PATHS) if (isExecutable(file)) return file;
  return playwrightChromium();
}

function run(command, args) {
  console.error(`find-chromium: ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, {
    stdio: ["ignore", "inherit", "inherit"],
    timeout: 10 * 60 * 1000,
  });
  return result.status === 0;
}

function main() {
  const install = process.argv.includes("--install");
  let found = findChromium();
  if (!found && install) {
    run("npx", ["playwright", "install", "chromium"]);
    found = findChromium();
    if (!found && typeof process.getuid === "function" && process.getuid() === 0) {
      if (run("apt-get", ["update"])) run("apt-get", ["install", "-y", "chromium"]);
      found = findChromium();
    }
  }
  if (!found) {
    console.error(NOT_FOUND);
    process.exit(1);
  }
  if (process.env.CHROMIUM_PATH && !isExecutable(found)) {
    console.error(`CHROMIUM_PATH=${found} is not an executable file`);
    process.exit(1);
  }
  console.log(found);
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) main();
