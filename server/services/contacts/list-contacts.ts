import "server-only";
import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { contacts, suppressions } from "@/db/schema";
import type { ListContactsInput } from "@/lib/whatsapp/inputs";
import type { MemberContext } from "@/server/services/workspaces/types";

export const CONTACTS_PAGE_SIZE = 25;

/** The SQL twin of phoneHash(): suppressions join contacts without storing the number twice. */
export const contactPhoneHash = sql`encode(sha256(convert_to(${contacts.workspaceId} || ':' || ${contacts.phone}, 'UTF8')), 'hex')`;

/** Escapes LIKE wildcards in what a person typed. */
function likeTerm(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listContacts(ctx: MemberContext, input: Omit<ListContactsInput, "workspaceSlug">) {
  const db = await getDb();
  const suppressedScopes = sql<string[] | null>`(
    select array_agg(${suppressions.scope} order by ${suppressions.scope}) from ${suppressions}
    where ${suppressions.workspaceId} = ${contacts.workspaceId} and ${suppressions.phoneHash} = ${contactPhoneHash}
  )`;
  const filters: (SQL | undefined)[] = [eq(contacts.workspaceId, ctx.workspace.id)];
  if (input.search) {
    const digits = input.search.replace(/[^\d]/g, "");
    filters.push(
      or(
        ilike(contacts.name, likeTerm(input.search)),
        digits.length >= 3 ? ilike(contacts.phone, likeTerm(digits)) : undefined,
      ),
    );
  }
  if (input.suppressed !== undefined) {
    filters.push(input.suppressed ? sql`${suppressedScopes} is not null` : sql`${suppressedScopes} is null`);
  }
  const where = and(...filters);
  const offset = (input.page - 1) * CONTACTS_PAGE_SIZE;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: contacts.id,
        phone: contacts.phone,
        name: contacts.name,
        lastInboundAt: contacts.lastInboundAt,
        createdAt: contacts.createdAt,
        updatedAt: contacts.updatedAt,
        suppressedScopes,
      })
      .from(contacts)
      .where(where)
      .orderBy(desc(contacts.updatedAt), desc(contacts.id))
      .limit(CONTACTS_PAGE_SIZE)
      .offset(offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(contacts)
      .where(where),
  ]);
  return {
    contacts: rows.map((r) => ({ ...r, suppressedScopes: r.suppressedScopes ?? [] })),
    total: count?.total ?? 0,
    page: input.page,
    pageSize: CONTACTS_PAGE_SIZE,
  };
}
