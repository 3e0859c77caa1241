'use client';
// The assessor's work list: one page of the stakeholders in scope with their evaluation status for
// a period, filters, view, sort and page in the URL (rendered on the server, components/app/paged-list),
// the period's due date, completion per county and township, and bulk submit of complete drafts.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { useTRPC } from '@/lib/trpc/client';
import type { AppRouter } from '@/server/trpc/root';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { Progress } from '@/components/ui/progress';
import { buttonClassName } from '@/components/ui/styles';

import { StatusBadge, type WorkStatus } from './status-badge';
import { ariaSort, ListPager, RangeNote, SearchField, SortLink, useListParams } from '@/components/app/paged-list';
import { TypeFilter } from '@/components/stakeholders/type-filter';
import type { WorkListParams } from '@/core/schemas/lists';
import { workListShape } from '@/core/schemas/list-shapes';
import { pickName, type Label } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import { DueNote, WorkViewTabs } from './work-views';
import { BulkSubmitBar, PageCheckbox, RowCheckbox, useDraftSelection, type Selectable } from './bulk-submit';
import { LangText } from '@/components/ui/lang-text';

const STATUSES: WorkStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'approved'];

type ProgressRow = { regionId: number; name: Label; total: number; counts: Record<WorkStatus, number> };

function ProgressList({ title, rows, name }: { title: string; rows: ProgressRow[]; name: (r: ProgressRow) => string }) {
  const t = useTranslations('evaluations.workList');
  const locale = useLocale();
  if (rows.length === 0) return null;
  return (
    <section className="rounded-lg border bg-surface p-4" aria-label={title}>
      <h3 className="mb-3 text-sm font-semibold">{title}</h3>
      <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {rows.map((r) => {
          const done = r.counts.approved;
          return (
            <li key={r.regionId}>
              <Progress
                value={r.total ? (100 * done) / r.total : 0}
                label={name(r)}
                valueLabel={t('progressValue', { approved: formatNumber(done, locale), total: formatNumber(r.total, locale), submitted: formatNumber(r.counts.submitted, locale) })}
                tone={done === r.total ? 'success' : 'primary'}
                size="sm"
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type WorkListData = inferRouterOutputs<AppRouter>['evaluations']['workList'];

/** `data`: the page the server rendered for `params` (read from the URL). */
export function WorkList({ data, params }: { data: WorkListData; params: WorkListParams }) {
  const t = useTranslations('evaluations.workList');
  const tc = useTranslations('common');
  const locale = useLocale();
  const format = useFormatter();
  const router = useRouter();
  const trpc = useTRPC();
  const tq = useTranslations('workQueue');
  const { view, href, set, refresh, pending } = useListParams(workListShape, params);
  const selection = useDraftSelection();
  const start = useMutation(trpc.evaluations.start.mutationOptions());
  const [startError, setStartError] = useState<string | null>(null);
  const regionName = (r: { name: Label }) => pickName(r.name, locale);
  const items = data.items;
  const filtered = Boolean(params.search || params.status || params.type || params.regionId || params.view);
  // Status counts of the whole list (the overview is not narrowed by the status filter).
  const statusTotal = (s: WorkStatus) => data.counties.reduce((a, c) => a + c.counts[s], 0);
  const countyIds = new Set(data.counties.map((c) => c.regionId));
  const chosenCounty = view.regionId && countyIds.has(view.regionId) ? view.regionId : (data.focusCountyId ?? '');
  const chosenTownship = view.regionId && !countyIds.has(view.regionId) ? view.regionId : '';
  const isOpen = data.period?.status === 'open';

  async function onStart(stakeholderId: number) {
    setStartError(null);
    try {
      const e = await start.mutateAsync({ stakeholderId });
      router.push(`/evaluations/${e.id}`);
    } catch (err) {
      setStartError(err instanceof Error ? err.message : String(err));
    }
  }

  if (!data.period) return <EmptyState title={t('noPeriods')} />;
  // Rows bulk submit can take: editable evaluations of the open period.
  const selectable = (i: (typeof items)[number]): Selectable | null =>
    isOpen && i.evaluationId !== null && i.revision !== null && i.fieldsToFix !== null && (i.status === 'draft' || i.status === 'returned')
      ? { evaluationId: i.evaluationId, revision: i.revision, fieldsToFix: i.fieldsToFix, code: i.code, name: i.name }
      : null;
  const pageSelectable = items.map(selectable).filter((r) => r !== null);
  // The reason a reviewer gave stays with the row until it is submitted again, even once edited.
  const returnNote = (i: (typeof items)[number]) => ((i.status === 'returned' || i.status === 'draft') && i.returnReason ? tq('returnedFlag', { reason: i.returnReason }) : null);

  return (
    <div className="grid gap-5">
      <DueNote code={data.period.code} due={data.due} open={isOpen} />
      <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-[1fr_2fr_1fr_1fr_1fr]">
        <label className="grid gap-1 text-sm font-medium">
          {t('period')}
          <NativeSelect value={view.periodId ?? data.period.id} onChange={(e) => set({ periodId: Number(e.target.value) })}>
            {data.periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {tc(`periodStatus.${p.status}`)}
              </option>
            ))}
          </NativeSelect>
        </label>
        <SearchField label={t('search')} placeholder={t('searchPlaceholder')} value={view.search ?? ''} onCommit={(search) => set({ search: search || undefined })} />
        <label className="grid gap-1 text-sm font-medium">
          {t('status')}
          <NativeSelect value={view.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as WorkStatus | undefined })}>
            <option value="">{t('allStatuses')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t('statusCount', { status: t(`statusName.${s}`), n: formatNumber(statusTotal(s), locale) })}
              </option>
            ))}
          </NativeSelect>
        </label>
        <TypeFilter label={t('type')} allLabel={t('allTypes')} value={view.type} onChange={(type) => set({ type })} />
        {data.counties.length > 1 ? (
          <label className="grid gap-1 text-sm font-medium">
            {t('county')}
            <NativeSelect value={chosenCounty} onChange={(e) => set({ regionId: e.target.value ? Number(e.target.value) : undefined })}>
              <option value="">{t('allCounties')}</option>
              {data.counties.map((r) => (
                <option key={r.regionId} value={r.regionId}>
                  {regionName(r)}
                </option>
              ))}
            </NativeSelect>
          </label>
        ) : null}
        <label className="grid gap-1 text-sm font-medium">
          {t('township')}
          <NativeSelect
            value={chosenTownship}
            disabled={data.townships.length === 0}
            onChange={(e) => set({ regionId: e.target.value ? Number(e.target.value) : chosenCounty || undefined })}
          >
            <option value="">{t('allTownships')}</option>
            {data.townships.map((r) => (
              <option key={r.regionId} value={r.regionId}>
                {regionName(r)}
              </option>
            ))}
          </NativeSelect>
        </label>
      </div>

      <ProgressList title={t('progressCounty')} rows={data.counties} name={regionName} />
      <details className="rounded-lg border bg-surface">
        <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">{t('progressTownships', { n: data.townships.length })}</summary>
        <div className="border-t">
          <ProgressList title={t('progressTownshipsTitle')} rows={data.townships} name={regionName} />
        </div>
      </details>

      {startError ? (
        <Alert variant="error" title={t('startFailed')}>
          {startError}
        </Alert>
      ) : null}
      {!isOpen ? <Alert variant="info">{t('periodNotOpen', { code: data.period.code })}</Alert> : null}
      {/* A view's count ignores the status filter, so choosing a view clears it: the tab shows what its count says. */}
      <WorkViewTabs current={params.view} counts={data.views} href={(patch) => href({ ...patch, status: undefined })} />
      <BulkSubmitBar selection={selection} onDone={refresh} />

      {items.length === 0 ? (
        <EmptyState title={t('empty')} description={filtered ? t('emptyFiltered') : undefined} />
      ) : (
        <>
          <RangeNote data={data} />
          {/* Phones: one card per stakeholder; the table from the sm breakpoint up. */}
          <ul className="grid gap-2 sm:hidden" aria-label={t('caption', { code: data.period.code })}>
            {items.map((i) => {
              return (
                <li key={i.stakeholderId} className="grid gap-2 rounded-lg border bg-surface p-3" data-testid={`work-card-${i.code}`}>
                  <div className="flex items-start justify-between gap-3">
                    {selectable(i) ? <RowCheckbox row={selectable(i)!} selection={selection} /> : null}
                    <div className="min-w-0 flex-1">
                      <div className="font-medium"><LangText>{i.name}</LangText></div>
                      <div className="text-xs text-muted-foreground">
                        {i.code} · {tc(`stakeholderTypes.${i.type}`)}
                        {i.townshipName ? ` · ${pickName(i.townshipName, locale)}` : ''}
                      </div>
                    </div>
                    <StatusBadge status={i.status} />
                  </div>
                  {returnNote(i) ? <p className="text-xs text-muted-foreground line-clamp-2">{returnNote(i)}</p> : null}
                  <div className="flex items-center justify-between gap-3">
                    <span className="text-xs text-muted-foreground tabular-nums">
                      {i.updatedAt ? format.dateTime(i.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) : ''}
                    </span>
                    {i.evaluationId ? (
                      <Link href={`/evaluations/${i.evaluationId}`} prefetch={false} className={buttonClassName({ variant: 'outline', size: 'sm' })} aria-label={t(i.status === 'submitted' ? 'reviewFor' : 'openFor', { name: i.name })}>
                        {i.status === 'submitted' ? t('review') : t('open')}
                      </Link>
                    ) : isOpen && i.active ? (
                      <Button size="sm" onClick={() => onStart(i.stakeholderId)} aria-label={t('startFor', { name: i.name })}>
                        {t('start')}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
          <div className={`hidden overflow-x-auto rounded-lg border bg-surface sm:block ${pending ? 'opacity-60' : ''}`} aria-busy={pending}>
            <table className="w-full min-w-[720px] text-sm">
              <caption className="sr-only">{t('caption', { code: data.period.code })}</caption>
              <thead className="bg-muted text-left text-xs uppercase tracking-wide text-muted-foreground">
                <tr>
                  <th scope="col" className="w-10 px-3 py-2.5">
                    <PageCheckbox rows={pageSelectable} selection={selection} />
                  </th>
                  <th scope="col" className="px-3 py-2.5" aria-sort={ariaSort(params, 'name')}>
                    <SortLink params={params} sortKey="name" href={href} label={t('columns.stakeholder')} />
                  </th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.type')}</th>
                  <th scope="col" className="px-3 py-2.5">{t('columns.township')}</th>
                  <th scope="col" className="px-3 py-2.5" aria-sort={ariaSort(params, 'status')}>
                    <SortLink params={params} sortKey="status" href={href} label={t('columns.status')} />
                  </th>
                  <th scope="col" className="px-3 py-2.5" aria-sort={ariaSort(params, 'updatedAt')}>
                    <SortLink params={params} sortKey="updatedAt" href={href} label={t('columns.updated')} />
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right">{t('columns.action')}</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {items.map((i) => {
                      return (
                    <tr key={i.stakeholderId} className="hover:bg-accent/60" data-testid={`work-row-${i.code}`}>
                      <td className="px-3 py-2.5">{selectable(i) ? <RowCheckbox row={selectable(i)!} selection={selection} /> : null}</td>
                      <td className="px-3 py-2.5">
                        <div className="font-medium"><LangText>{i.name}</LangText></div>
                        <div className="text-xs tabular-nums text-muted-foreground">{i.code}</div>
                      </td>
                      <td className="px-3 py-2.5">{tc(`stakeholderTypes.${i.type}`)}</td>
                      <td className="px-3 py-2.5">{i.townshipName ? pickName(i.townshipName, locale) : '—'}</td>
                      <td className="px-3 py-2.5">
                        <StatusBadge status={i.status} />
                        {returnNote(i) ? <p className="mt-1 max-w-xs text-xs text-muted-foreground line-clamp-2">{returnNote(i)}</p> : null}
                        {i.status === 'submitted' && i.submittedByMe ? <p className="mt-1 text-xs text-muted-foreground">{tq('submittedByMe')}</p> : null}
                        {selectable(i) ? (
                          <p className="mt-1 text-xs text-muted-foreground">{i.fieldsToFix ? tq('fieldsToFix', { n: i.fieldsToFix }) : tq('complete')}</p>
                        ) : null}
                      </td>
                      <td className="px-3 py-2.5 text-xs text-muted-foreground tabular-nums">
                        {i.updatedAt ? format.dateTime(i.updatedAt, { dateStyle: 'medium', timeStyle: 'short' }) : '—'}
                      </td>
                      <td className="px-3 py-2.5 text-right">
                        {i.evaluationId ? (
                          <Link
                            href={`/evaluations/${i.evaluationId}`}
                            prefetch={false}
                            className={buttonClassName({ variant: 'outline', size: 'sm' })}
                            aria-label={t(i.status === 'submitted' ? 'reviewFor' : 'openFor', { name: i.name })}
                          >
                            {i.status === 'submitted' ? t('review') : t('open')}
                          </Link>
                        ) : isOpen && i.active ? (
                          <Button
                            size="sm"
                            onClick={() => onStart(i.stakeholderId)}
                            loading={start.isPending && start.variables?.stakeholderId === i.stakeholderId}
                            aria-label={t('startFor', { name: i.name })}
                          >
                            {t('start')}
                          </Button>
                        ) : (
                          <span className="text-xs text-muted-foreground">—</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <ListPager data={data} href={href} />
        </>
      )}
    </div>
  );
}
