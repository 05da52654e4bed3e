/** Remembers the last workspace opened, so / lands there. Not a secret: membership is checked on every load. */
export const LAST_WORKSPACE_COOKIE = "raqi_workspace";
