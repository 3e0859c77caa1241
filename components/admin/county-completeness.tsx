// The overview's completeness per county for one period: active stakeholders, not started and each
// evaluation status, and the share approved; each county links to its work list for the period.
// The periods above the table switch the period (a link each, so the view can be shared).
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { pickName } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import type { Locale } from '@/i18n/config';
import { cn } from '@/lib/cn';

type Overview = inferRouterOutputs<AppRouter>['dashboard']['admin'];
type Row = NonNullable<Overview['completeness']>['counties'][number];

const COLUMNS = ['notStarted', 'draft', 'returned', 'submitted', 'approved'] as const;
const PERIOD_BADGE = { open: 'info', closed: 'warning', published: 'success' } as const;

export function CountyCompleteness({ data, periods, locale }: { data: Overview['completeness']; periods: Overview['periods']; locale: Locale }) {
  const t = useTranslations('adminTools.completeness');
  const tc = useTranslations('common');
  const n = (x: number) => formatNumber(x, locale);
  if (!data) {
    return (
      <Card>
        <CardHeader><CardTitle>{t('heading')}</CardTitle></CardHeader>
        <CardContent><EmptyState title={t('none')} description={t('noneHint')} titleAs="h3" /></CardContent>
      </Card>
    );
  }
  const { period, counties } = data;
  const work = (r: Pick<Row, (typeof COLUMNS)[number]>) => COLUMNS.reduce((s, c) => s + r[c], 0);
  const sum = (k: 'stakeholders' | (typeof COLUMNS)[number]) => counties.reduce((s, r) => s + r[k], 0);
  const total = { stakeholders: sum('stakeholders'), notStarted: sum('notStarted'), draft: sum('draft'), returned: sum('returned'), submitted: sum('submitted'), approved: sum('approved') };
  const share = (r: Pick<Row, (typeof COLUMNS)[number]>) => {
    const all = work(r);
    return all === 0 ? '—' : formatNumber(r.approved / all, locale, { percent: true, digits: 1 });
  };
  const cells = (r: Pick<Row, 'stakeholders' | (typeof COLUMNS)[number]>) => (
    <>
      <TD numeric>{n(r.stakeholders)}</TD>
      {COLUMNS.map((c) => (
        <TD key={c} numeric className={cn(c === 'notStarted' && r[c] > 0 && 'text-warning-foreground')}>{n(r[c])}</TD>
      ))}
      <TD numeric className="font-medium">{share(r)}</TD>
    </>
  );
  return (
    <Card id="completeness">
      <CardHeader>
        <CardTitle>{t('heading')}</CardTitle>
        <CardDescription>{t('description', { period: period.code })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <nav aria-label={t('periodNav')} className="flex flex-wrap items-center gap-1.5">
          {periods.map((p) => (
            <Link
              prefetch={false}
              key={p.id}
              href={`/admin?period=${p.id}#completeness`}
              aria-current={p.id === period.id ? 'page' : undefined}
              className={cn(
                'rounded-md border px-2 py-0.5 text-sm tabular-nums no-underline hover:bg-muted',
                p.id === period.id && 'border-primary bg-primary-subtle font-semibold',
              )}
            >
              {p.code}
            </Link>
          ))}
          <Badge variant={PERIOD_BADGE[period.status]} className="ms-1">{tc(`periodStatus.${period.status}`)}</Badge>
        </nav>
        {counties.length === 0 ? (
          <EmptyState title={t('noCounties')} titleAs="h3" />
        ) : (
          <NamedTable
            name={t('heading')}
            dense
            head={
              <>
                <TH>{t('county')}</TH>
                <TH numeric>{t('stakeholders')}</TH>
                {COLUMNS.map((c) => <TH key={c} numeric>{t(c)}</TH>)}
                <TH numeric>{t('approvedShare')}</TH>
              </>
            }
          >
            {counties.map((r) => {
              const name = pickName(r.name, locale);
              return (
                <TR key={r.id} data-testid={`completeness-${r.code}`}>
                  <TD className="min-w-40">
                    <Link
                      prefetch={false}
                      className="font-medium text-primary underline-offset-4 hover:underline"
                      href={`/evaluations?periodId=${period.id}&regionId=${r.id}`}
                      aria-label={t('openCounty', { county: name, period: period.code })}
                    >
                      {name}
                    </Link>
                  </TD>
                  {cells(r)}
                </TR>
              );
            })}
            <TR className="border-t-2 font-semibold">
              <TH scope="row" className="text-foreground">{t('province')}</TH>
              {cells(total)}
            </TR>
          </NamedTable>
        )}
      </CardContent>
    </Card>
  );
}
