'use client';
// Impact preview, incentives: per active program covering the KPI set's stakeholder type, who would
// gain or lose eligibility (and whose amount changes) if the draft were published for the period —
// published determinations beside those on the draft's scores (server: eligibilityImpact in
// server/services/impact-preview.ts). Each row names the rule clauses whose outcome flipped.
import { useLocale, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { renderClause, type RuleLabels } from '@/core/eligibility';
import { formatNumber } from '@/core/i18n/format';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { StatCard } from '@/components/ui/stat-card';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import type { VersionData } from './method-kit';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { labelOf, pickName } from '@/core/i18n/label';

type Eligibility = Extract<inferRouterOutputs<AppRouter>['tuning']['preview'], { ready: true }>['eligibility'];
type ProgramImpact = Eligibility['programs'][number];
type Change = ProgramImpact['changes'][number];

/** Rows shown before "show all": enough to read, short enough for a phone. */
const FIRST_ROWS = 10;

export function ImpactEligibility({ eligibility, data, periodCode }: { eligibility: Eligibility; data: VersionData; periodCode: string }) {
  const t = useTranslations('method.impact.eligibility');
  const tc = useTranslations('common');
  const locale = useLocale();
  const labels: RuleLabels = useMemo(() => {
    const objectives = new Map(data.document.objectives.map((o) => [o.code, pickName(o.name, locale)]));
    const indicators = new Map(data.document.objectives.flatMap((o) => o.indicators.map((i) => [i.code, pickName(i.name, locale)] as const)));
    return { objective: (c) => objectives.get(c), indicator: (c) => indicators.get(c) };
  }, [data.document, locale]);
  const type = tc(`stakeholderTypes.${eligibility.stakeholderType}`);

  return (
    <section aria-labelledby="impact-eligibility" className="grid gap-3" data-testid="impact-eligibility">
      <div className="grid gap-1">
        <h3 id="impact-eligibility" className="text-base font-semibold">{t('heading')}</h3>
        <p className="text-sm text-muted-foreground">{t('description', { period: periodCode })}</p>
      </div>
      {!eligibility.available ? (
        <Alert variant="info" title={t('notPublishedTitle')}>{t('notPublished', { period: periodCode })}</Alert>
      ) : eligibility.programs.length === 0 ? (
        <EmptyState titleAs="h4" title={t('noProgramsTitle')} description={t('noPrograms', { type })} />
      ) : (
        eligibility.programs.map((p) => <ProgramSection key={p.programId} program={p} labels={labels} />)
      )}
    </section>
  );
}

function ProgramSection({ program, labels }: { program: ProgramImpact; labels: RuleLabels }) {
  const t = useTranslations('method.impact.eligibility');
  const ti = useTranslations('incentives');
  const locale = useLocale();
  const [all, setAll] = useState(false);
  const rows = all ? program.changes : program.changes.slice(0, FIRST_ROWS);
  const name = pickName(labelOf(program), locale);
  const money = program.kind !== 'commendation';
  const headingId = `impact-program-${program.programId}`;
  return (
    <Card data-testid={`impact-program-${program.code}`}>
      <CardHeader>
        <CardTitle as="h4" id={headingId}>{name}</CardTitle>
        <CardDescription>
          {ti(`kinds.${program.kind}`)} · <span className="font-mono">{program.code}</span> · {t('candidates', { count: program.candidates })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="grid grid-cols-3 gap-3">
          <StatCard label={t('gained')} value={<span data-testid="eligibility-gained">{program.counts.gained}</span>} />
          <StatCard label={t('lost')} value={<span data-testid="eligibility-lost">{program.counts.lost}</span>} />
          <StatCard label={t('amountChanged')} value={<span data-testid="eligibility-amount-changed">{program.counts.amountChanged}</span>} />
        </div>
        {program.changes.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('noChanges')}</p>
        ) : (
          <>
            <NamedTable
              dense
              name={t('tableCaption', { name })}
              className="min-w-[44rem]"
              head={
                <>
                  <TH>{t('stakeholder')}</TH>
                  <TH>{t('change')}</TH>
                  <TH>{t('eligibility')}</TH>
                  {money ? <TH numeric>{t('amount')}</TH> : null}
                  <TH numeric>{t('composite')}</TH>
                  <TH>{t('flipped')}</TH>
                </>
              }
            >
              {rows.map((c) => (
                <ChangeRow key={c.stakeholder} change={c} money={money} labels={labels} />
              ))}
            </NamedTable>
            {program.changes.length < program.counts.gained + program.counts.lost + program.counts.amountChanged ? (
              <p className="text-sm text-muted-foreground" data-testid="eligibility-listed">
                {t('listedOf', { listed: program.changes.length, total: program.counts.gained + program.counts.lost + program.counts.amountChanged })}
              </p>
            ) : null}
            {program.changes.length > FIRST_ROWS ? (
              <div>
                <Button size="sm" variant="outline" onClick={() => setAll((v) => !v)}>
                  {all ? t('showFewer') : t('showAll', { count: program.changes.length })}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}

function ChangeRow({ change: c, money, labels }: { change: Change; money: boolean; labels: RuleLabels }) {
  const t = useTranslations('method.impact.eligibility');
  const te = useTranslations('incentives.explain');
  const locale = useLocale();
  const yesNo = (b: boolean) => (b ? t('eligibleYes') : t('eligibleNo'));
  const fmt = (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, locale) : (v ?? '—'));
  const variant = c.change === 'gained' ? 'success' : c.change === 'lost' ? 'danger' : 'info';
  return (
    <TR data-change={c.change}>
      <TD>
        <span className="font-medium">{c.name}</span> <span className="font-mono text-xs text-muted-foreground">{c.stakeholder}</span>
      </TD>
      <TD><Badge variant={variant}>{t(`changes.${c.change}`)}</Badge></TD>
      <TD className="whitespace-nowrap">{yesNo(c.before.eligible)} → {yesNo(c.after.eligible)}</TD>
      {money ? (
        <TD numeric className="whitespace-nowrap">{formatNumber(c.before.amount, locale)} → {formatNumber(c.after.amount, locale)}</TD>
      ) : null}
      <TD numeric className="whitespace-nowrap">{formatNumber(c.before.composite, locale, { digits: 1 })} → {formatNumber(c.after.composite, locale, { digits: 1 })}</TD>
      <TD className="text-sm">
        {c.flipped.length === 0 ? (
          <span className="text-muted-foreground">{t('noClauseFlipped')}</span>
        ) : (
          <ul className="grid gap-1">
            {c.flipped.map((f, i) => (
              <li key={i}>
                {f.negated ? `${t('not')} ` : ''}
                {renderClause(f.clause, locale, labels)}:{' '}
                <span className="whitespace-nowrap">
                  {te(`truth.${f.before.truth}`)} ({fmt(f.before.actual)}) → {te(`truth.${f.after.truth}`)} ({fmt(f.after.actual)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </TD>
    </TR>
  );
}
