import { serve } from "inngest/next";
import { inngest } from "@/server/inngest/client";
import { appFunctions } from "@/server/inngest/functions";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Handlers = ReturnType<typeof serve>;
let handlers: Handlers | undefined;

/** Built on the first request: settings are read at run time, never during `next build`. */
function served(): Handlers {
  if (!handlers) {
    const client = inngest();
    handlers = serve({ client, functions: appFunctions(client) });
  }
  return handlers;
}

export const GET: Handlers["GET"] = (...args) => served().GET(...args);
export const POST: Handlers["POST"] = (...args) => served().POST(...args);
export const PUT: Handlers["PUT"] = (...args) => served().PUT(...args);
