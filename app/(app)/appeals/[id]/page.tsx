// One appeal: the contested values with their evidence (download links), its timeline (each step,
// who, when, decision and reason), due or overdue, and the steps the reader may take.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { TRPCError } from '@trpc/server';
import { FileText, Link2 } from 'lucide-react';
import type { Locale } from '@/i18n/config';
import { api } from '@/lib/trpc/server';
import { evidenceKind } from '@/core/domain/evidence-url';
import { AppealActions } from '@/components/appeals/appeal-actions';
import { AppealDueBadge, AppealStatusBadge } from '@/components/appeals/appeal-badges';
import { ClientMessages } from '@/components/app/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { LangText } from '@/components/ui/lang-text';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await getTranslations('appeals'))('detail.title', { id: (await params).id }) };
}

export default async function AppealPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const appeal = await (await api()).appeals.get({ appealId: id }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) notFound();
    throw e;
  });
  const t = await getTranslations('appeals');
  const format = await getFormatter();
  const locale = (await getLocale()) as Locale;
  const number = (v: number | null) => (v === null ? '—' : format.number(v, { maximumFractionDigits: 6 }));
  const accepted = appeal.status === 'accepted';
  return (
    <ClientMessages namespaces={['adminTools.table']}>
      <PageHeader
        title={t('detail.title', { id: appeal.id })}
        description={<LangText>{`${appeal.stakeholder.name} (${appeal.stakeholder.code}) · ${appeal.period.code}`}</LangText>}
        breadcrumb={
          <Link href="/appeals" className="text-sm text-primary hover:underline">
            {t('detail.back')}
          </Link>
        }
        meta={
          <span className="flex flex-wrap items-center gap-2">
            <AppealStatusBadge status={appeal.status} />
            <AppealDueBadge state={appeal.dueState} dueOn={appeal.dueOn} />
          </span>
        }
      />
      {appeal.status === 'accepted' || appeal.status === 'rejected' ? (
        <section aria-labelledby="decision" className="mb-6 rounded-lg border border-border p-4" data-appeal-decision={appeal.status}>
          <h2 id="decision" className="font-semibold">
            {t(`detail.decided.${appeal.status}`)}
          </h2>
          <p className="text-sm text-muted-foreground">{t('detail.decidedBy', { proposer: appeal.proposedBy ?? '', confirmer: appeal.decidedBy ?? '' })}</p>
          {appeal.proposalReason ? <p className="mt-2 text-sm">{t('detail.reason', { reason: appeal.proposalReason })}</p> : null}
        </section>
      ) : null}

      <h2 className="mb-2 text-base font-semibold">{t('detail.items')}</h2>
      <Table scrollLabel={t('detail.items')} className="mb-6">
        <THead>
          <TR>
            <TH>{t('detail.indicator')}</TH>
            <TH className="text-end">{t('detail.published')}</TH>
            <TH className="text-end">{t('detail.claimed')}</TH>
            {accepted || appeal.status === 'proposed' ? <TH className="text-end">{t('detail.corrected')}</TH> : null}
            <TH>{t('detail.reasonCol')}</TH>
            <TH>{t('detail.evidence')}</TH>
          </TR>
        </THead>
        <TBody>
          {appeal.items.map((item) => (
            <TR key={item.id}>
              <TD>
                {item.name[locale]}
                <span className="block text-xs text-muted-foreground">{item.code}</span>
              </TD>
              <TD numeric>{number(item.publishedValue)}</TD>
              <TD numeric>{number(item.claimedValue)}</TD>
              {accepted || appeal.status === 'proposed' ? <TD numeric>{item.corrected ? number(item.correctedValue) : '—'}</TD> : null}
              <TD className="min-w-48 whitespace-pre-wrap">
                <LangText>{item.reason}</LangText>
              </TD>
              <TD>
                <ul className="grid gap-1">
                  {item.evidenceUrl && evidenceKind(item.evidenceUrl) === 'link' ? (
                    <li>
                      <a href={item.evidenceUrl} target="_blank" rel="noopener noreferrer nofollow" className="inline-flex items-center gap-1 break-all text-primary hover:underline">
                        <Link2 aria-hidden="true" className="size-4 shrink-0" />
                        {t('detail.link')}
                      </a>
                    </li>
                  ) : null}
                  {item.files.map((f) => (
                    <li key={f.id}>
                      <a href={`/api/appeals/files/${f.id}`} download={f.fileName} className="inline-flex items-center gap-1 break-all text-primary hover:underline">
                        <FileText aria-hidden="true" className="size-4 shrink-0" />
                        {f.fileName}
                        <span className="text-xs text-muted-foreground">({format.number(Math.max(1, Math.round(f.size / 1024)))} KB)</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>

      <ClientMessages namespaces={['appeals.actions', 'appeals.decision', 'errors', 'evaluations.validation', 'jobs', 'validation', 'whatIf.errors']}>
        <AppealActions appeal={appeal} />
      </ClientMessages>

      <section aria-labelledby="timeline" className="mt-6">
        <h2 id="timeline" className="mb-2 text-base font-semibold">
          {t('detail.timeline')}
        </h2>
        <ol className="grid gap-3 border-s-2 border-border ps-4">
          {appeal.steps.map((s) => (
            <li key={s.id} data-step={s.step}>
              <p className="font-medium">{t(`steps.${s.step}`, { decision: s.decision ?? 'none' })}</p>
              <p className="text-sm text-muted-foreground">
                <LangText>{s.actor}</LangText> · <time dateTime={s.at.toISOString()}>{format.dateTime(s.at, { dateStyle: 'medium', timeStyle: 'short' })}</time>
              </p>
              {s.reason ? <p className="mt-1 text-sm whitespace-pre-wrap">{t('detail.reason', { reason: s.reason })}</p> : null}
            </li>
          ))}
        </ol>
        {appeal.dueState ? (
          <p className="mt-3 text-sm text-muted-foreground">
            {t('detail.dueOn', { date: format.dateTime(new Date(`${appeal.dueOn}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' }) })}
          </p>
        ) : null}
      </section>
    </ClientMessages>
  );
}
