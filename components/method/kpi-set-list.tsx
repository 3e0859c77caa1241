'use client';
// KPI sets per stakeholder type with their version history; start a draft or import a file.
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { FormField } from '@/components/ui/form-field';
import { Skeleton } from '@/components/ui/skeleton';
import { buttonClassName } from '@/components/ui/styles';
import { NamedTable, TD, TH, TR } from '@/components/ui/table';
import { Textarea } from '@/components/ui/textarea';
import { labelOf, pickName } from '@/core/i18n/label';

export function KpiSetList() {
  const t = useTranslations('method.kpiSets');
  const tc = useTranslations('common');
  const locale = useLocale();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const list = useQuery(trpc.kpiSets.list.queryOptions());
  const createDraft = useMutation(trpc.kpiSets.createDraft.mutationOptions());
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState<{ id: number; name: string } | null>(null);

  if (list.isError) return <Alert variant="error" title={tc('loadError')}>{list.error.message}</Alert>;
  if (list.isPending) return <Skeleton className="h-64" />;
  if (list.data.length === 0) return <EmptyState title={t('empty')} />;
  return (
    <div className="grid gap-6">
      {error ? <Alert variant="error" title={t('draftFailed')}>{error}</Alert> : null}
      {list.data.map((set) => {
        const name = pickName(labelOf(set), locale);
        const draft = set.versions.find((v) => v.status === 'draft');
        return (
          <Card key={set.id} data-testid={`kpi-set-${set.code}`}>
            <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-3">
              <div className="grid gap-1">
                <CardTitle>{name}</CardTitle>
                <p className="text-sm text-muted-foreground">{tc(`stakeholderTypes.${set.stakeholderType}`)} · <span className="font-mono">{set.code}</span></p>
              </div>
              <div className="flex flex-wrap gap-2">
                {draft ? (
                  <Link prefetch={false} className={buttonClassName({ variant: 'primary', size: 'sm' })} href={`/admin/kpi-sets/${draft.id}`}>{t('openDraft', { version: draft.version })}</Link>
                ) : (
                  <Button
                    size="sm"
                    loading={createDraft.isPending && createDraft.variables?.kpiSetId === set.id}
                    onClick={async () => {
                      setError(null);
                      try {
                        const row = await createDraft.mutateAsync({ kpiSetId: set.id });
                        router.push(`/admin/kpi-sets/${row.id}`);
                      } catch (e) {
                        setError(e instanceof Error ? e.message : String(e));
                      }
                    }}
                  >
                    {t('newDraft')}
                  </Button>
                )}
                <Button size="sm" variant="outline" disabled={Boolean(draft)} onClick={() => setImporting({ id: set.id, name })}>{t('import')}</Button>
              </div>
            </CardHeader>
            <CardContent>
              <NamedTable
                name={t('versionsOf', { name })}
                actions={t('actions')}
                head={
                  <>
                    <TH>{t('version')}</TH>
                    <TH>{t('status')}</TH>
                    <TH>{t('effectiveFrom')}</TH>
                    <TH>{t('publishedAt')}</TH>
                    <TH>{t('changeNote')}</TH>
                  </>
                }
              >
                {set.versions.map((v) => (
                  <TR key={v.id}>
                    <TD className="font-medium tabular-nums">v{v.version}</TD>
                    <TD><Badge variant={v.status === 'published' ? 'success' : 'warning'}>{t(`statuses.${v.status}`)}</Badge></TD>
                    <TD className="tabular-nums">{v.effectiveFrom ?? '—'}</TD>
                    <TD className="whitespace-nowrap tabular-nums">{v.publishedAt ? format.dateTime(v.publishedAt, { dateStyle: 'medium' }) : '—'}</TD>
                    <TD className="max-w-80 truncate" title={v.changeNote ?? undefined}>{v.changeNote ?? '—'}</TD>
                    <TD className="text-end">
                      <Link prefetch={false} className={buttonClassName({ variant: 'ghost', size: 'sm' })} href={`/admin/kpi-sets/${v.id}`} aria-label={t(v.status === 'draft' ? 'editVersion' : 'viewVersion', { name, version: v.version })}>
                        {v.status === 'draft' ? t('edit') : t('view')}
                      </Link>
                    </TD>
                  </TR>
                ))}
              </NamedTable>
            </CardContent>
          </Card>
        );
      })}
      {importing ? <ImportDialog set={importing} onClose={() => setImporting(null)} onImported={(id) => router.push(`/admin/kpi-sets/${id}`)} /> : null}
    </div>
  );
}

function ImportDialog({ set, onClose, onImported }: { set: { id: number; name: string }; onClose: () => void; onImported: (id: number) => void }) {
  const t = useTranslations('method.kpiSets');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const importVersion = useMutation(trpc.kpiSets.import.mutationOptions());
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog open onOpenChange={(o) => (o ? undefined : onClose())}>
      <DialogContent size="lg" closeLabel={tc('cancel')}>
        <DialogHeader>
          <DialogTitle>{t('importTitle', { name: set.name })}</DialogTitle>
          <DialogDescription>{t('importBody')}</DialogDescription>
        </DialogHeader>
        <div className="grid gap-3">
          <FormField label={t('importFile')}>
            <input
              type="file"
              accept="application/json,.json"
              className="text-sm"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setText(await file.text());
              }}
            />
          </FormField>
          <FormField label={t('importText')}>
            <Textarea rows={10} className="font-mono text-xs" value={text} onChange={(e) => setText(e.target.value)} />
          </FormField>
          {error ? <Alert variant="error" title={t('importFailed')}><pre className="whitespace-pre-wrap text-xs">{error}</pre></Alert> : null}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={onClose}>{tc('cancel')}</Button>
          <Button
            disabled={text.trim() === ''}
            loading={importVersion.isPending}
            onClick={async () => {
              setError(null);
              try {
                const row = await importVersion.mutateAsync({ kpiSetId: set.id, text });
                onImported(row.id);
              } catch (e) {
                setError(e instanceof Error ? e.message : String(e));
              }
            }}
          >
            {t('importConfirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
