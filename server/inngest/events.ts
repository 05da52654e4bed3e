/** Inngest event names of the flow runtime. */
export const RUN_REQUESTED = "flow/run.requested";
export const RUN_CANCEL = "flow/run.cancel";
export const REPLY_EVENT = "whatsapp/reply";
export const OPTED_OUT_EVENT = "contact/opted-out";
