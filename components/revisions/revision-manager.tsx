'use client';
// A period's revisions: the accepted corrections waiting for one, the impact preview (a job: who
// changes grade, rank and percentile, who gains or loses eligibility), the publish with a required
// note (a second job, refused when the preview went stale), and the revisions published so far.
import Link from 'next/link';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { formatNumber } from '@/core/i18n/format';
import { pickName } from '@/core/i18n/label';
import { reasonProblem } from '@/core/schemas/reason';
import { ReasonField } from '@/components/forms/reason-field';
import { JobFailed, JobProgress, useJobRunner } from '@/components/jobs/job-progress';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LangText } from '@/components/ui/lang-text';
import { Skeleton } from '@/components/ui/skeleton';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import type { RevisionImpact } from '@/server/services/revisions';

type Correction = RevisionImpact['corrections'][number];

export function RevisionManager({ periodId }: { periodId: number }) {
  const t = useTranslations('revisions');
  const tc = useTranslations('common');
  const format = useFormatter();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const overview = useQuery(trpc.revisions.overview.queryOptions({ periodId }));
  const startPreview = useMutation(trpc.revisions.preview.mutationOptions());
  const startPublish = useMutation(trpc.revisions.publish.mutationOptions());
  const previewJob = useJobRunner<'revision.preview'>();
  const publishJob = useJobRunner<'revision.publish'>();
  const [shown, setShown] = useState<{ jobId: number; impact: RevisionImpact } | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  if (overview.isError) return <Alert variant="error" title={tc('loadError')}>{overview.error.message}</Alert>;
  if (overview.isPending) return <Skeleton className="h-64" />;
  const o = overview.data;
  if (o.period.status !== 'published') return <Alert variant="info" title={t('notPublished', { code: o.period.code })} />;

  const preview = async () => {
    setError(null);
    setDone(null);
    setShown(null);
    try {
      let jobId = 0;
      const result = await previewJob.run(async () => {
        const handle = await startPreview.mutateAsync({ periodId });
        jobId = handle.jobId;
        return handle;
      });
      setShown({ jobId, impact: result.impact });
    } catch (e) {
      if (!(e instanceof JobFailed)) setError(e instanceof Error ? e.message : String(e));
    }
  };

  const publish = async () => {
    if (!shown) return;
    setError(null);
    try {
      const result = await publishJob.run(() => startPublish.mutateAsync({ periodId, previewJobId: shown.jobId, note }));
      setDone(result.number);
      setShown(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: trpc.revisions.pathKey() });
    } catch (e) {
      if (!(e instanceof JobFailed)) setError(e instanceof Error ? e.message : String(e));
    }
  };

  const noteProblem = note === '' ? 'empty' : reasonProblem(note);

  return (
    <div className="grid min-w-0 gap-6">
      {done !== null ? <Alert variant="success" title={t('publish.done', { number: done, code: o.period.code })} /> : null}
      {error ? <Alert variant="error" title={error} /> : null}

      <section aria-labelledby="pending-heading" className="grid min-w-0 gap-3">
        <h2 id="pending-heading" className="text-lg font-semibold">{t('pending.heading')}</h2>
        {o.pending.length === 0 ? (
          <EmptyState title={t('pending.empty')} description={t('pending.emptyHint')} titleAs="h3" />
        ) : (
          <>
            <CorrectionsTable name={t('pending.heading')} rows={o.pending} />
            <div className="flex flex-wrap items-center gap-2">
              <Button onClick={preview} loading={previewJob.running} variant={shown ? 'outline' : 'primary'}>
                {shown ? t('preview.again') : t('preview.button')}
              </Button>
            </div>
            {previewJob.running || (previewJob.job && previewJob.job.status === 'failed') ? <JobProgress kind="revision.preview" job={previewJob.job} /> : null}
          </>
        )}
      </section>

      {shown ? (
        <section aria-labelledby="impact-heading" className="grid min-w-0 gap-4">
          <h2 id="impact-heading" className="text-lg font-semibold">{t('preview.heading', { number: shown.impact.number })}</h2>
          <ImpactView impact={shown.impact} />
          <Card>
            <CardContent className="grid gap-3 pt-6">
              <ReasonField id="revision-note" label={t('publish.note')} value={note} onChange={setNote} rows={3} />
              <p className="text-sm text-muted-foreground">{t('publish.noteHint')}</p>
              <div>
                <Button onClick={publish} loading={publishJob.running} disabled={noteProblem !== null}>
                  {t('publish.button', { number: shown.impact.number })}
                </Button>
              </div>
              {publishJob.running || publishJob.job ? <JobProgress kind="revision.publish" job={publishJob.job} /> : null}
            </CardContent>
          </Card>
        </section>
      ) : null}

      <section aria-labelledby="revisions-heading" className="grid min-w-0 gap-3">
        <h2 id="revisions-heading" className="text-lg font-semibold">{t('list.heading')}</h2>
        {o.revisions.length === 0 ? (
          <EmptyState title={t('list.empty')} description={t('list.emptyHint')} titleAs="h3" />
        ) : (
          o.revisions.map((r) => (
            <Card key={r.id} data-testid={`revision-${r.number}`}>
              <CardHeader>
                <CardTitle as="h3">{t('list.revision', { number: r.number })}</CardTitle>
                <p className="text-sm text-muted-foreground">
                  {t('list.by', { date: format.dateTime(new Date(r.publishedAt), { dateStyle: 'medium' }), name: r.publishedBy ?? '—' })}
                </p>
              </CardHeader>
              <CardContent className="grid gap-3">
                <p className="text-sm">{r.note}</p>
                <h4 className="text-sm font-medium">{t('list.included')}</h4>
                <CorrectionsTable name={t('list.revision', { number: r.number })} rows={r.corrections} />
                <ImpactView impact={r.impact} />
              </CardContent>
            </Card>
          ))
        )}
      </section>
    </div>
  );
}

function CorrectionsTable({ name, rows }: { name: string; rows: Correction[] }) {
  const t = useTranslations('revisions.pending');
  const locale = useLocale();
  const n = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  return (
    <NamedTable
      name={name}
      head={
        <>
          <TH>{t('stakeholder')}</TH>
          <TH>{t('indicator')}</TH>
          <TH numeric>{t('published')}</TH>
          <TH numeric>{t('corrected')}</TH>
          <TH>{t('appeal')}</TH>
        </>
      }
    >
      {rows.map((c) => (
        <TR key={`${c.appealId}-${c.indicatorCode}`}>
          <TD className="min-w-40">
            <LangText>{c.stakeholderName}</LangText> <span className="text-muted-foreground tabular-nums">{c.stakeholderCode}</span>
          </TD>
          <TD className="min-w-40">{pickName(c.indicatorName, locale)}</TD>
          <TD numeric>{n(c.publishedValue)}</TD>
          <TD numeric className="font-medium">{n(c.correctedValue)}</TD>
          <TD>
            <Link href={`/appeals/${c.appealId}`} className="text-primary hover:underline">{t('appealLink', { id: c.appealId })}</Link>
          </TD>
        </TR>
      ))}
    </NamedTable>
  );
}

/** Score changes per version and eligibility changes per program, as the preview computed them. */
function ImpactView({ impact }: { impact: RevisionImpact }) {
  const t = useTranslations('revisions.preview');
  const locale = useLocale();
  const n1 = (x: number | null) => formatNumber(x, locale, { digits: 1, fixed: true });
  // Percentiles are stored on 0…100.
  const pct = (x: number | null) => formatNumber(x, locale, { digits: 1, fixed: true });
  const money = (x: number | null) => formatNumber(x, locale, { digits: 2 });
  return (
    <div className="grid min-w-0 gap-4">
      {impact.scores.map((v) => (
        <div key={v.versionId} className="grid min-w-0 gap-2">
          <p className="text-sm font-medium">{t('scores', { kpiSet: v.kpiSet, version: v.version, changed: v.changed, grades: v.gradeChanges })}</p>
          {v.changed === 0 ? (
            <p className="text-sm text-muted-foreground">{t('noScoreChange')}</p>
          ) : (
            <>
              {v.changed > v.listed.length ? <p className="text-sm text-muted-foreground">{t('listedOf', { listed: v.listed.length, count: v.changed })}</p> : null}
              <NamedTable
                name={t('scores', { kpiSet: v.kpiSet, version: v.version, changed: v.changed, grades: v.gradeChanges })}
                dense
                head={
                  <>
                    <TH>{t('stakeholder')}</TH>
                    <TH numeric>{t('composite')}</TH>
                    <TH>{t('grade')}</TH>
                    <TH numeric>{t('rank')}</TH>
                    <TH numeric>{t('percentile')}</TH>
                  </>
                }
              >
                {v.listed.map((c) => (
                  <TR key={c.stakeholderId}>
                    <TD className="min-w-40">
                      <LangText>{c.name}</LangText> <span className="text-muted-foreground tabular-nums">{c.code}</span>
                    </TD>
                    <TD numeric className="whitespace-nowrap">{n1(c.before.composite)} → {n1(c.after.composite)}</TD>
                    <TD className="whitespace-nowrap">{c.before.grade ?? '—'} → {c.after.grade ?? '—'}</TD>
                    <TD numeric className="whitespace-nowrap">{c.before.rank ?? '—'} → {c.after.rank ?? '—'}</TD>
                    <TD numeric className="whitespace-nowrap">{pct(c.before.percentile)} → {pct(c.after.percentile)}</TD>
                  </TR>
                ))}
              </NamedTable>
            </>
          )}
        </div>
      ))}
      {impact.eligibility.length === 0 ? <p className="text-sm text-muted-foreground">{t('noEligibility')}</p> : null}
      {impact.eligibility.map((p) => {
        const title = t('eligibility', { program: pickName({ en: p.nameEn, 'zh-CN': p.nameZh }, locale), gained: p.counts.gained, lost: p.counts.lost, amount: p.counts.amount });
        return (
          <div key={p.programId} className="grid min-w-0 gap-2">
            <p className="text-sm font-medium">{title}</p>
            {p.overrides ? <Alert variant="warning" title={t('overridesNotCarried', { count: p.overrides })} /> : null}
            {p.listed.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t('noEligibilityChange')}</p>
            ) : (
              <NamedTable
                name={title}
                dense
                head={
                  <>
                    <TH>{t('stakeholder')}</TH>
                    <TH>{t('change')}</TH>
                    <TH>{t('before')}</TH>
                    <TH>{t('after')}</TH>
                  </>
                }
              >
                {p.listed.map((d) => (
                  <TR key={d.stakeholderId}>
                    <TD className="min-w-40">
                      <LangText>{d.name}</LangText> <span className="text-muted-foreground tabular-nums">{d.code}</span>
                    </TD>
                    <TD>{t(`changes.${d.change}`)}</TD>
                    <TD className="whitespace-nowrap">{d.before.eligible ? `${t('eligible')} ${money(d.before.amount)}` : t('notEligible')}</TD>
                    <TD className="whitespace-nowrap">{d.after.eligible ? `${t('eligible')} ${money(d.after.amount)}` : t('notEligible')}</TD>
                  </TR>
                ))}
              </NamedTable>
            )}
          </div>
        );
      })}
    </div>
  );
}
