"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Users } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";
import { useTRPC } from "@/components/providers/trpc";
import { useWorkspace } from "@/components/shell/workspace-context";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/input";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { assignableRoles, isRole } from "@/lib/auth/roles";
import { InviteForm } from "./invite-form";
import { useErrorMessage } from "@/components/ui/use-error-message";

export function MembersPanel() {
  const t = useTranslations("members");
  const tc = useTranslations("common");
  const tr = useTranslations("roles");
  const format = useFormatter();
  const workspace = useWorkspace();
  const router = useRouter();
  const trpc = useTRPC();
  const describeError = useErrorMessage();
  const queryClient = useQueryClient();
  const scope = { workspaceSlug: workspace.slug };
  const isAdmin = workspace.can("admin");
  const members = useQuery(trpc.member.list.queryOptions(scope));
  const invitations = useQuery(trpc.invitation.list.queryOptions(scope, { enabled: isAdmin }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey() });

  const changeRole = useMutation(
    trpc.member.changeRole.mutationOptions({
      onSuccess: async () => {
        toast.success(t("roleChanged"));
        await refresh();
        router.refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const remove = useMutation(
    trpc.member.remove.mutationOptions({
      onSuccess: async () => {
        toast.success(t("removed"));
        await refresh();
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const revoke = useMutation(
    trpc.invitation.revoke.mutationOptions({
      onSuccess: async () => {
        toast.success(t("revoked"));
        await queryClient.invalidateQueries({ queryKey: trpc.invitation.list.queryKey() });
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  const allowed = assignableRoles(workspace.role);

  return (
    <div className="space-y-6">
      {isAdmin ? (
        <Card>
          <CardHeader title={t("inviteTitle")} description={t("inviteSubtitle")} />
          <InviteForm />
        </Card>
      ) : (
        <p
          data-testid="members-readonly"
          className="rounded-md bg-slate-100 px-4 py-3 text-sm text-slate-600"
        >
          {t("adminsOnly")}
        </p>
      )}

      <Card>
        <CardHeader title={t("title")} description={t("subtitle")} />
        {members.isPending ? (
          <LoadingState label={tc("loading")} />
        ) : members.isError ? (
          <div className="p-5">
            <ErrorState
              title={tc("errorTitle")}
              message={members.error.message}
              action={
                <Button variant="secondary" onClick={() => void members.refetch()}>
                  {tc("retry")}
                </Button>
              }
            />
          </div>
        ) : members.data.length === 0 ? (
          <div className="p-5">
            <EmptyState icon={Users} title={t("emptyTitle")} description={t("emptyBody")} />
          </div>
        ) : (
          <table className="w-full text-sm" data-testid="members-table">
            <thead className="bg-slate-50 text-start text-xs uppercase text-slate-500">
              <tr>
                <th className="px-5 py-2 text-start font-medium">{t("member")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("role")}</th>
                <th className="px-5 py-2 text-start font-medium">{t("joined")}</th>
                <th className="px-5 py-2" />
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {members.data.map((m) => {
                const self = m.membershipId === workspace.membershipId;
                const manageable = isAdmin && !self && allowed.includes(m.role);
                return (
                  <tr key={m.membershipId} data-testid={`member-${m.email}`}>
                    <td className="px-5 py-3">
                      <div className="font-medium">
                        {m.name ?? m.email}{" "}
                        {self ? (
                          <span className="ms-1 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">
                            {t("you")}
                          </span>
                        ) : null}
                      </div>
                      <div className="text-xs text-slate-500" dir="ltr">
                        {m.email}
                      </div>
                    </td>
                    <td className="px-5 py-3">
                      {manageable ? (
                        <Select
                          aria-label={t("roleOf", { name: m.name ?? m.email })}
                          className="h-8 w-36"
                          value={m.role}
                          disabled={changeRole.isPending}
                          onChange={(e) => {
                            const role = e.target.value;
                            if (isRole(role))
                              changeRole.mutate({ ...scope, membershipId: m.membershipId, role });
                          }}
                        >
                          {allowed.map((r) => (
                            <option key={r} value={r}>
                              {tr(r)}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <span data-testid="member-role">{tr(m.role)}</span>
                      )}
                    </td>
                    <td className="px-5 py-3 text-slate-500">
                      {format.dateTime(m.joinedAt, { dateStyle: "medium" })}
                    </td>
                    <td className="px-5 py-3 text-end">
                      {manageable ? (
                        <ConfirmDialog
                          trigger={
                            <Button size="sm" variant="ghost" className="text-red-600">
                              {t("remove")}
                            </Button>
                          }
                          title={t("removeConfirmTitle", { name: m.name ?? m.email })}
                          description={t("removeConfirmBody")}
                          confirmLabel={t("remove")}
                          cancelLabel={tc("cancel")}
                          onConfirm={() => remove.mutate({ ...scope, membershipId: m.membershipId })}
                        />
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>

      {isAdmin ? (
        <Card>
          <CardHeader title={t("pendingTitle")} description={t("pendingSubtitle")} />
          {invitations.isPending ? (
            <LoadingState label={tc("loading")} />
          ) : invitations.isError ? (
            <p className="p-5 text-sm text-red-600">{invitations.error.message}</p>
          ) : invitations.data.length === 0 ? (
            <p className="p-5 text-sm text-slate-500">{t("noPending")}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="pending-invitations">
              {invitations.data.map((inv) => (
                <li key={inv.id} className="flex flex-wrap items-center gap-3 px-5 py-3 text-sm">
                  <span className="min-w-0 flex-1 truncate" dir="ltr">
                    {inv.email}
                  </span>
                  <span className="text-slate-600">{tr(inv.role)}</span>
                  <span className={inv.expired ? "text-amber-700" : "text-slate-500"}>
                    {inv.expired
                      ? t("expired")
                      : t("expires", { date: format.dateTime(inv.expiresAt, { dateStyle: "medium" }) })}
                  </span>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate({ ...scope, invitationId: inv.id })}
                  >
                    {t("revoke")}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
