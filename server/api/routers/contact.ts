import {
  contactTarget,
  listContactsSchema,
  simulateReplySchema,
  suppressContactSchema,
} from "@/lib/whatsapp/inputs";
import { createTRPCRouter, workspaceProcedure } from "@/server/api/trpc";
import { simulateReply } from "@/server/services/connections/simulate-reply";
import { getContact } from "@/server/services/contacts/get-contact";
import { listContacts } from "@/server/services/contacts/list-contacts";
import { suppressContact, unsuppressContact } from "@/server/services/contacts/manage-suppression";

export const contactRouter = createTRPCRouter({
  list: workspaceProcedure("viewer")
    .input(listContactsSchema)
    .query(({ ctx, input }) => listContacts(ctx.member, input)),
  get: workspaceProcedure("viewer")
    .input(contactTarget)
    .query(({ ctx, input }) => getContact(ctx.member, input.contactId)),
  suppress: workspaceProcedure("editor")
    .input(suppressContactSchema)
    .mutation(({ ctx, input }) => suppressContact(ctx.member, input.contactId, input.scope)),
  unsuppress: workspaceProcedure("admin")
    .input(suppressContactSchema)
    .mutation(({ ctx, input }) => unsuppressContact(ctx.member, input.contactId, input.scope)),
  simulateReply: workspaceProcedure("editor")
    .input(simulateReplySchema)
    .mutation(({ ctx, input: { workspaceSlug: _slug, ...input } }) => simulateReply(ctx.member, input)),
});
