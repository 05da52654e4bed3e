import os from "node:os";
import path from "node:path";

/**
 * Where Raqi keeps local state (embedded database, generated dev secrets): outside the source tree so
 * dev rebuilds never watch it. RAQI_DATA_DIR overrides; otherwise the platform's user data directory.
 */
export function resolveDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RAQI_DATA_DIR) return path.resolve(env.RAQI_DATA_DIR);
  const home = os.homedir();
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support", "raqi");
  if (process.platform === "win32")
    return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "raqi");
  return path.join(env.XDG_DATA_HOME ?? path.join(home, ".local", "share"), "raqi");
}
