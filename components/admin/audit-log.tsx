'use client';
// The audit log for administrators: newest first, a page at a time, filtered by entity, action and
// actor; filters, sort and page live in the URL (components/app/paged-list). Each row can show the
// values before and after the change.
import { useFormatter, useTranslations } from 'next-intl';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { EmptyState } from '@/components/ui/empty-state';
import { NativeSelect } from '@/components/ui/native-select';
import { TD, TH, TR } from '@/components/ui/table';
import { ListPager, ListTable, RangeNote, SearchField, SortTH, useListParams } from '@/components/app/paged-list';
import { auditListSchema, type AuditListParams } from '@/core/schemas/lists';

type AuditPage = inferRouterOutputs<AppRouter>['audit']['list'];

function Change({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations('admin.audit');
  if (before === null && after === null) return <span className="text-muted-foreground">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-primary">{t('showChange')}</summary>
      <dl className="mt-2 grid gap-1 text-xs">
        {before !== null ? (
          <>
            <dt className="font-medium">{t('before')}</dt>
            <dd>
              <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-muted p-2">{JSON.stringify(before, null, 1)}</pre>
            </dd>
          </>
        ) : null}
        {after !== null ? (
          <>
            <dt className="font-medium">{t('after')}</dt>
            <dd>
              <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-muted p-2">{JSON.stringify(after, null, 1)}</pre>
            </dd>
          </>
        ) : null}
      </dl>
    </details>
  );
}

export function AuditLog({ data, params }: { data: AuditPage; params: AuditListParams }) {
  const t = useTranslations('admin.audit');
  const format = useFormatter();
  const { view, href, set, pending } = useListParams(auditListSchema, params);
  const filtered = Boolean(params.entity || params.action || params.actor || params.entityId);
  return (
    <section className="grid gap-4" aria-label={t('title')}>
      <div role="search" className="grid gap-3 rounded-lg border bg-surface p-3 sm:grid-cols-2 lg:grid-cols-4">
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
      </div>
      {data.total === 0 ? (
        <EmptyState title={filtered ? t('emptyFiltered') : t('empty')} />
      ) : (
        <>
          <RangeNote data={data} />
          <ListTable
            dense
            caption={t('title')}
            pending={pending}
            head={
              <>
                <SortTH params={params} sortKey="at" href={href} label={t('at')} />
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
                <TD>{a.actorName ?? a.actorId ?? t('system')}</TD>
                <TD className="font-mono text-xs">{a.action}</TD>
                <TD className="whitespace-nowrap font-mono text-xs">
                  {a.entity}
                  {a.entityId ? ` #${a.entityId}` : ''}
                </TD>
                <TD className="max-w-xs">{a.reason ?? '—'}</TD>
                <TD>
                  <Change before={a.before} after={a.after} />
                </TD>
              </TR>
            ))}
          </ListTable>
          <ListPager data={data} href={href} />
        </>
      )}
    </section>
  );
}
