// The county scorecard: aggregates by stakeholder type, coordination of the county's three goals,
// the township ranking and the scored stakeholders, a page at a time (sort and page in the URL),
// each with a link to its scorecard; its exports (a PDF job, the XLSX of every stakeholder). In
// print (the PDF) the tables are open, and the list is its first page, saying so.
import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Download } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { StatCard } from '@/components/ui/stat-card';
import { Table, TableCaption, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { Pagination } from '@/components/ui/pagination';
import { countyScorecardSchema, type CountyScorecardParams } from '@/core/schemas/county-scorecard';
import { listParamsToQuery } from '@/core/schemas/list-params';
import type { CountyScorecard } from './types';
import { GroupedBars } from './charts';
import { FigureCard } from './figure-card';
import { PdfExportButton } from './pdf-export-button';
import { buttonClassName } from '@/components/ui/styles';
import { pickName } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import { LangText } from '@/components/ui/lang-text';

type Summary = NonNullable<CountyScorecard['summary']>;

/** Where the county scorecard is exported: the county, period and the list's order go along. */
export function countyExportLinks(countyId: number, period: string, params: Pick<CountyScorecardParams, 'sort' | 'dir'>) {
  const q = `countyId=${countyId}&period=${encodeURIComponent(period)}&sort=${params.sort}&dir=${params.dir}`;
  return { pdfStart: `/api/scorecards/county/pdf?${q}`, xlsx: `/api/scorecards/county/export?format=xlsx&${q}` };
}

export async function CountyView({
  data,
  summary,
  params,
  mode = 'screen',
}: {
  data: CountyScorecard;
  summary: Summary;
  params: CountyScorecardParams;
  mode?: 'screen' | 'print';
}) {
  const [t, tc, tx, locale] = await Promise.all([getTranslations('scorecard'), getTranslations('common'), getTranslations('scorecardExports'), getLocale()]);
  const print = mode === 'print';
  // Links keep the county and period on screen, whatever the URL left to the defaults.
  const shown = { ...params, countyId: data.county?.id, period: data.period ?? undefined };
  const href = (patch: Partial<CountyScorecardParams>) => `/scorecards/county${listParamsToQuery(countyScorecardSchema, shown, patch)}`;
  const list = summary.stakeholderList;
  // A sortable header: its state, and the link that sorts by it (again: the other way).
  const sortBy = (key: CountyScorecardParams['sort']) => {
    const active = params.sort === key;
    if (print) return {};
    return {
      sort: !active ? ('none' as const) : params.dir === 'asc' ? ('ascending' as const) : ('descending' as const),
      sortHref: href({ sort: key, dir: active && params.dir === 'asc' ? 'desc' : 'asc' }),
    };
  };
  const from = summary.stakeholders.length ? (list.page - 1) * list.pageSize + 1 : 0;
  const n1 = (x: number | null | undefined) => formatNumber(x, locale, { digits: 1, fixed: true });
  const n3 = (x: number | null | undefined) => formatNumber(x, locale, { digits: 3 });
  const types = summary.byType.filter((g) => g.count > 0);
  const coordination = summary.coordination;

  const links = data.county && data.period ? countyExportLinks(data.county.id, data.period, params) : null;

  return (
    <div className="grid gap-6 print:block print:*:mb-6" data-county-scorecard="">
      {!print && links ? (
        <nav aria-label={tx('county.exportsLabel')} className="flex flex-wrap items-start gap-2" data-print="hide">
          <PdfExportButton startUrl={links.pdfStart} label={tx('county.pdf')} />
          <a href={links.xlsx} className={buttonClassName({ variant: 'outline', size: 'sm' })} data-export="xlsx">
            <Download aria-hidden="true" className="size-4" />
            {tx('county.xlsx')}
          </a>
        </nav>
      ) : null}
      <section aria-label={t('county.meanComposite')} className="grid gap-4 sm:grid-cols-3">
        <StatCard label={t('county.meanComposite')} value={n1(summary.meanComposite)} hint={t('summary.compositeHint', { scale: 100 })} />
        <StatCard
          label={t('county.coordination')}
          value={coordination ? pickName(coordination.label, locale) : '—'}
          hint={coordination ? t('county.coordinationHint', { d: n3(coordination.D) }) : t('coordination.none')}
        />
        <StatCard label={t('county.byType.count')} value={formatNumber(summary.count, locale)} hint={types.map((g) => `${tc(`stakeholderTypes.${g.type}`)} ${g.count}`).join(' · ')} />
      </section>
      {coordination ? <p className="-mt-2 text-sm">{t(`coordination.explain.${String(coordination.class) as '1'}`)}</p> : null}

      <div className="grid gap-6 lg:grid-cols-2 print:block print:*:mb-6">
        <FigureCard
          title={t('county.byType.heading')}
          caption={t('county.byType.caption')}
          chart={
            <GroupedBars
              categories={types.map((g) => tc(`stakeholderTypes.${g.type}`))}
              series={data.objectives.map((o) => ({ name: pickName(o.name, locale), values: types.map((g) => g.objectives[o.code] ?? null) }))}
              max={100}
              ariaLabel={t('county.byType.chartLabel')}
              locale={locale}
            />
          }
          tableToggleLabel={t('county.byType.showTable')}
          defaultTableOpen={print}
          head={
            <>
              <TH>{t('county.byType.type')}</TH>
              <TH numeric>{t('county.byType.count')}</TH>
              <TH numeric>{t('county.byType.meanComposite')}</TH>
              {data.objectives.map((o) => (
                <TH key={o.code} numeric>
                  {pickName(o.name, locale)}
                </TH>
              ))}
              <TH numeric>{t('county.byType.meanCoupling')}</TH>
              <TH>{t('county.byType.grades')}</TH>
            </>
          }
        >
          {summary.byType.map((g) => (
            <TR key={g.type}>
              <TD>{tc(`stakeholderTypes.${g.type}`)}</TD>
              <TD numeric>{g.count}</TD>
              <TD numeric>{n1(g.meanComposite)}</TD>
              {data.objectives.map((o) => (
                <TD key={o.code} numeric>
                  {n1(g.objectives[o.code])}
                </TD>
              ))}
              <TD numeric>{n3(g.meanCoupling)}</TD>
              <TD className="whitespace-nowrap">
                {Object.entries(g.grades)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .map(([code, count]) => `${code} ${count}`)
                  .join(' · ') || '—'}
              </TD>
            </TR>
          ))}
        </FigureCard>
        <FigureCard
          title={t('county.goals.heading')}
          description={t('coordination.method')}
          caption={t('county.goals.caption')}
          head={
            <>
              <TH>{t('county.goals.objective')}</TH>
              <TH numeric>{t('county.goals.mean')}</TH>
            </>
          }
        >
          {data.objectives.map((o) => (
            <TR key={o.code}>
              <TD>{pickName(o.name, locale)}</TD>
              <TD numeric>{n1(coordination?.means[o.code])}</TD>
            </TR>
          ))}
          {coordination ? (
            <TR>
              <TD>C · T · D</TD>
              <TD numeric>
                {n3(coordination.C)} · {n3(coordination.T)} · {n3(coordination.D)}
              </TD>
            </TR>
          ) : null}
        </FigureCard>
      </div>

      <FigureCard
        title={t('county.townships.heading')}
        description={t('county.townships.description')}
        caption={t('county.townships.caption')}
        chart={
          <GroupedBars
            horizontal
            categories={summary.townships.filter((r) => r.meanComposite !== null).map((r) => pickName(r.name, locale))}
            series={[{ name: t('county.townships.meanComposite'), values: summary.townships.filter((r) => r.meanComposite !== null).map((r) => r.meanComposite) }]}
            max={100}
            height={Math.max(200, 34 * summary.townships.length + 40)}
            ariaLabel={t('county.townships.chartLabel')}
            locale={locale}
          />
        }
        tableToggleLabel={t('county.townships.showTable')}
        defaultTableOpen={print}
        head={
          <>
            <TH numeric>{t('county.townships.rank')}</TH>
            <TH>{t('county.townships.township')}</TH>
            <TH numeric>{t('county.townships.count')}</TH>
            <TH numeric>{t('county.townships.meanComposite')}</TH>
            {data.objectives.map((o) => (
              <TH key={o.code} numeric>
                {pickName(o.name, locale)}
              </TH>
            ))}
          </>
        }
      >
        {summary.townships.map((r) => (
          <TR key={r.id}>
            <TD numeric>{r.rank ?? t('county.townships.none')}</TD>
            <TD>{pickName(r.name, locale)}</TD>
            <TD numeric>{r.count}</TD>
            <TD numeric>{n1(r.meanComposite)}</TD>
            {data.objectives.map((o) => (
              <TD key={o.code} numeric>
                {n1(r.objectives[o.code])}
              </TD>
            ))}
          </TR>
        ))}
      </FigureCard>

      <Card>
        <CardHeader>
          <CardTitle>{t('county.stakeholders.heading')}</CardTitle>
          <CardDescription>{t('county.stakeholders.description')}</CardDescription>
          {print ? (
            <p className="text-sm font-medium" data-list-note="">
              {list.total > summary.stakeholders.length ? tx('county.listNote', { shown: summary.stakeholders.length, total: list.total }) : tx('county.listAll', { total: list.total })}
            </p>
          ) : null}
        </CardHeader>
        <CardContent>
          <Table dense scrollLabel={t('county.stakeholders.caption')}>
            <TableCaption>{t('county.stakeholders.caption')}</TableCaption>
            <THead>
              <TR>
                <TH className="min-w-56" {...sortBy('name')}>{t('county.stakeholders.name')}</TH>
                <TH {...sortBy('type')}>{t('county.stakeholders.type')}</TH>
                <TH>{t('county.stakeholders.region')}</TH>
                <TH numeric {...sortBy('composite')}>{t('county.stakeholders.composite')}</TH>
                <TH>{t('county.stakeholders.grade')}</TH>
                <TH numeric>{t('county.stakeholders.countyRank')}</TH>
              </TR>
            </THead>
            <TBody>
              {summary.stakeholders.map((s) => (
                <TR key={s.id}>
                  <TD>
                    <Link
                      prefetch={false}
                      href={`/scorecards/${s.id}?period=${data.period}`}
                      className="font-medium text-primary hover:underline focus-visible:outline-2 focus-visible:outline-ring"
                      aria-label={t('county.stakeholders.open', { name: s.name })}
                    >
                      <LangText>{s.name}</LangText>
                    </Link>
                    <div className="text-xs text-muted-foreground tabular-nums">{s.code}</div>
                  </TD>
                  <TD>{tc(`stakeholderTypes.${s.type}`)}</TD>
                  <TD>{pickName(s.regionName, locale)}</TD>
                  <TD numeric>{n1(s.composite)}</TD>
                  <TD>{s.grade ? <Badge variant="outline">{s.grade}</Badge> : '—'}</TD>
                  <TD numeric>{s.countyRank ?? '—'}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
              {tc('pagination.range', { from, to: from + Math.max(0, summary.stakeholders.length - 1), total: list.total })}
            </p>
            {list.pageCount > 1 && !print ? (
              <Pagination
                page={list.page}
                pageCount={list.pageCount}
                hrefForPage={(page) => href({ page })}
                labels={{ nav: tc('pagination.label'), previous: tc('pagination.previous'), next: tc('pagination.next'), pageOf: tc('pagination.pageOf', { page: list.page, pages: list.pageCount }) }}
              />
            ) : null}
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
