/** Path of a Chromium executable ($CHROMIUM_PATH, system Chromium, or Playwright's), or null if none is found. */
export declare function findChromium(env?: NodeJS.ProcessEnv): string | null;
