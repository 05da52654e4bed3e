import "server-only";
import { accountRouter } from "./routers/account";
import { apiKeyRouter } from "./routers/api-key";
import { auditRouter } from "./routers/audit";
import { connectionRouter } from "./routers/connection";
import { contactRouter } from "./routers/contact";
import { flowRouter } from "./routers/flow";
import { hookRouter } from "./routers/hook";
import { invitationRouter } from "./routers/invitation";
import { memberRouter } from "./routers/member";
import { messageRouter } from "./routers/message";
import { optOutRouter } from "./routers/opt-out";
import { runRouter } from "./routers/run";
import { templateRouter } from "./routers/template";
import { workspaceRouter } from "./routers/workspace";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  workspace: workspaceRouter,
  member: memberRouter,
  invitation: invitationRouter,
  audit: auditRouter,
  flow: flowRouter,
  template: templateRouter,
  connection: connectionRouter,
  contact: contactRouter,
  message: messageRouter,
  optOut: optOutRouter,
  run: runRouter,
  apiKey: apiKeyRouter,
  hook: hookRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
