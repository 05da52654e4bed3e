import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type MessageList = Outputs["message"]["list"];
export type MessageListItem = MessageList["messages"][number];
export type MessageStatus = MessageListItem["status"];
export type ContactDetail = Outputs["contact"]["get"];
export type ConversationMessage = ContactDetail["messages"][number];
export type ContactListItem = Outputs["contact"]["list"]["contacts"][number];
export type Connection = NonNullable<Outputs["connection"]["get"]>;
