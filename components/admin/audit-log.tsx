'use client';
// The audit log for administrators: newest first, a page at a time by key, filtered by entity,
// action, actor, entity id and days; filters and the cursor live in the URL (components/app/paged-list).
// Each row can show the values before and after the change, field by field (audit-change.tsx).
import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/native-select';
import { AuditChange } from './audit-change';
import { buttonClassName } from '@/components/ui/styles';
import { TD, TH, TR } from '@/components/ui/table';
import { ListTable, SearchField, useListParams } from '@/components/app/paged-list';
import { cn } from '@/lib/cn';
import type { AuditListParams } from '@/core/schemas/lists';
import { auditListShape } from '@/core/schemas/list-shapes';
import { LangText } from '@/components/ui/lang-text';

type AuditPage = inferRouterOutputs<AppRouter>['audit']['list'];

/** A link to the page either side, or inert text at the end of the log. */
function PageLink({ href, rel, children }: { href: string | null; rel: 'prev' | 'next'; children: ReactNode }) {
  const classes = buttonClassName({ variant: 'outline', size: 'sm' });
  if (!href)
    return (
      <span aria-disabled="true" className={cn(classes, 'opacity-55')}>
        {children}
      </span>
    );
  return (
    <Link href={href} rel={rel} prefetch={false} className={classes}>
      {children}
    </Link>
  );
}

/** "Entries 1,234–1,185 of 12,345 (newest first)", entries numbered from the oldest, and Newer / Older. */
function AuditPager({ data, href }: { data: AuditPage; href: (patch: Partial<AuditListParams>) => string }) {
  const t = useTranslations('admin.audit');
  const from = data.total - data.offset;
  return (
    <nav aria-label={t('pages')} className="flex flex-wrap items-center justify-between gap-2 py-3">
      <PageLink rel="prev" href={data.newerThan === null ? null : href({ after: data.newerThan, before: undefined })}>
        <ChevronLeft aria-hidden="true" className="rtl:rotate-180" />
        {t('newer')}
      </PageLink>
      <p className="text-sm text-muted-foreground tabular-nums" aria-live="polite">
        {t('range', { from, to: from - data.items.length + 1, total: data.total })}
      </p>
      <PageLink rel="next" href={data.olderThan === null ? null : href({ before: data.olderThan, after: undefined })}>
        {t('older')}
        <ChevronRight aria-hidden="true" className="rtl:rotate-180" />
      </PageLink>
    </nav>
  );
}

export function AuditLog({ data, params }: { data: AuditPage; params: AuditListParams }) {
  const t = useTranslations('admin.audit');
  const format = useFormatter();
  const list = useListParams(auditListShape, params);
  const { view, href, pending } = list;
  // A new filter starts again from the newest entry.
  const set = (patch: Partial<AuditListParams>) => list.set({ ...patch, before: undefined, after: undefined });
  const filtered = Boolean(params.entity || params.action || params.actor || params.entityId || params.from || params.to);
  const ta = useTranslations('adminTools.audit');
  return (
    <section className="grid gap-4" aria-label={t('title')}>
      <div role="search" aria-describedby="audit-days-hint" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-3">
        <label className="grid gap-1 text-sm font-medium">
          {t('entity')}
          <NativeSelect value={view.entity ?? ''} onChange={(e) => set({ entity: e.target.value || undefined })}>
            <option value="">{t('allEntities')}</option>
            {data.entities.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {t('action')}
          <NativeSelect value={view.action ?? ''} onChange={(e) => set({ action: e.target.value || undefined })}>
            <option value="">{t('allActions')}</option>
            {data.actions.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </NativeSelect>
        </label>
        <SearchField label={t('actor')} placeholder={t('actorPlaceholder')} value={view.actor ?? ''} onCommit={(actor) => set({ actor: actor || undefined })} />
        <SearchField label={t('entityId')} value={view.entityId ?? ''} onCommit={(entityId) => set({ entityId: entityId || undefined })} />
        <label className="grid gap-1 text-sm font-medium">
          {ta('from')}
          <Input type="date" value={view.from ?? ''} max={view.to} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label className="grid gap-1 text-sm font-medium">
          {ta('to')}
          <Input type="date" value={view.to ?? ''} min={view.from} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
        <p id="audit-days-hint" className="text-xs text-muted-foreground sm:col-span-2 lg:col-span-3">{ta('daysHint')}</p>
      </div>
      {data.total === 0 ? (
        <EmptyState title={filtered ? t('emptyFiltered') : t('empty')} />
      ) : (
        <>
          <ListTable
            dense
            caption={t('title')}
            pending={pending}
            head={
              <>
                <TH aria-sort="descending">{t('at')}</TH>
                <TH>{t('actor')}</TH>
                <TH>{t('action')}</TH>
                <TH>{t('entity')}</TH>
                <TH>{t('reason')}</TH>
                <TH>{t('change')}</TH>
              </>
            }
          >
            {data.items.map((a) => (
              <TR key={a.id} data-testid="audit-row">
                <TD className="whitespace-nowrap tabular-nums">{format.dateTime(a.at, { dateStyle: 'medium', timeStyle: 'medium' })}</TD>
                <TD>{a.actorName ? <LangText>{a.actorName}</LangText> : (a.actorId ?? t('system'))}</TD>
                <TD className="font-mono text-xs">{a.action}</TD>
                <TD className="whitespace-nowrap font-mono text-xs">
                  {a.entity}
                  {a.entityId ? ` #${a.entityId}` : ''}
                </TD>
                {/* People's own words, in whatever language they wrote them. */}
                <TD className="max-w-xs" translate="no">{a.reason ?? '—'}</TD>
                <TD>
                  <AuditChange before={a.before} after={a.after} />
                </TD>
              </TR>
            ))}
          </ListTable>
          <AuditPager data={data} href={href} />
        </>
      )}
    </section>
  );
}
