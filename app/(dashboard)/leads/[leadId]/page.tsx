import { ArrowLeft, MessagesSquare } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { contactLabel, formatPhone } from "@/components/inbox/contact-format";
import { LeadFields } from "@/components/leads/lead-fields";
import { LeadTags } from "@/components/leads/lead-tags";
import { LeadTimeline } from "@/components/leads/lead-timeline";
import { LeadsLiveRefresh } from "@/components/leads/leads-live-refresh";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { listAssignableMembers } from "@/lib/assignment/manual";
import type { Member } from "@/lib/auth/member";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getLeadDetail } from "@/lib/leads/queries";
import { listSources } from "@/lib/leads/sources";

type Props = { params: Promise<{ leadId: string }> };

/** A lead the member may not see (another workspace's, a colleague's when chats are restricted) is the ordinary 404. */
async function loadLead(member: Member, leadId: string) {
  try {
    return await getLeadDetail(getDb(), member, leadId);
  } catch (error) {
    if (error instanceof AppError && error.type === "not_found") notFound();
    throw error;
  }
}

export async function generateMetadata() {
  const t = await getTranslations("leads");
  return { title: t("title") };
}

export default async function LeadPage({ params }: Props) {
  const member = await requirePagePermission("leads:view");
  const lead = await loadLead(member, (await params).leadId);
  const db = getDb();
  const [t, sources, members] = await Promise.all([
    getTranslations("leads.detail"),
    listSources(db, member.workspaceId),
    member.role === "admin" ? listAssignableMembers(db, member) : null,
  ]);
  const activeSources = sources.filter((s) => !s.archived).map(({ id, name, systemKey }) => ({ id, name, systemKey }));

  return (
    <>
      <PageHeader
        title={contactLabel(lead.contact)}
        description={[lead.contact.name ? formatPhone(lead.contact.waId) : null, lead.adHeadline ? t("ad", { headline: lead.adHeadline }) : null].filter(Boolean).join(" · ") || undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="ghost" size="sm">
              <Link href="/leads">
                <ArrowLeft aria-hidden />
                {t("back")}
              </Link>
            </Button>
            {lead.conversationId && (
              <Button asChild size="sm">
                <Link href={`/inbox/${lead.conversationId}`}>
                  <MessagesSquare aria-hidden />
                  {t("openChat")}
                </Link>
              </Button>
            )}
          </div>
        }
      />
      <div className="grid gap-4 p-4 sm:p-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <LeadsLiveRefresh leadId={lead.id} />
        <div className="grid min-w-0 content-start gap-4">
          {!lead.mayEdit && (
            <Alert>
              <AlertDescription>{t("viewOnly")}</AlertDescription>
            </Alert>
          )}
          <LeadFields key={`${lead.value}|${lead.notes}`} lead={lead} sources={activeSources} members={members?.map(({ userId, name }) => ({ userId, name })) ?? null} />
          <LeadTags leadId={lead.id} tags={lead.tags} mayEdit={lead.mayEdit} />
        </div>
        <LeadTimeline events={lead.events} />
      </div>
    </>
  );
}
