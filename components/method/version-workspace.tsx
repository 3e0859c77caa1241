'use client';
// One KPI-set version: its definition (editable while draft), weight tuning, impact preview with
// publishing, sensitivity, changes against another version, and export.
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc/client';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { DraftEditor } from './draft-editor';

// Only the definition tab shows on arrival: the other tabs' code loads when one is opened, so a
// first visit does not download it (each renders only while its tab is active).
const tabLoading = () => <Skeleton className="mt-4 h-64" />;
const WeightTuner = dynamic(() => import('./weight-tuner').then((m) => m.WeightTuner), { loading: tabLoading });
const ImpactPreview = dynamic(() => import('./impact-preview').then((m) => m.ImpactPreview), { loading: tabLoading });
const SensitivityPanel = dynamic(() => import('./sensitivity-panel').then((m) => m.SensitivityPanel), { loading: tabLoading });
const VersionChanges = dynamic(() => import('./version-diff').then((m) => m.VersionChanges), { loading: tabLoading });
const VersionExport = dynamic(() => import('./version-diff').then((m) => m.VersionExport), { loading: tabLoading });

export function VersionWorkspace({ versionId }: { versionId: number }) {
  const t = useTranslations('method.version');
  const tc = useTranslations('common');
  const trpc = useTRPC();
  const version = useQuery(trpc.kpiSets.version.queryOptions({ versionId }));
  const periods = useQuery(trpc.periods.list.queryOptions());
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const [tab, setTab] = useState('definition');
  // The period previews and sensitivity use: the latest published one by default.
  const [periodId, setPeriodId] = useState<number | null>(null);

  if (version.isError) return <Alert variant="error" title={tc('loadError')}>{version.error.message}</Alert>;
  if (version.isPending || periods.isPending) return <Skeleton className="h-96" />;
  const data = version.data;
  const periodRows = periods.data ?? [];
  const chosenPeriod = periodId ?? periodRows.find((p) => p.status === 'published')?.id ?? periodRows[0]?.id ?? null;
  const isDraft = data.version.status === 'draft';

  return (
    <Tabs value={tab} onValueChange={setTab}>
      <TabsList aria-label={t('tabsLabel')}>
        <TabsTrigger value="definition">{t('tabs.definition')}</TabsTrigger>
        {isDraft ? <TabsTrigger value="weights">{t('tabs.weights')}</TabsTrigger> : null}
        <TabsTrigger value="impact">{isDraft ? t('tabs.impactPublish') : t('tabs.impact')}</TabsTrigger>
        <TabsTrigger value="sensitivity">{t('tabs.sensitivity')}</TabsTrigger>
        <TabsTrigger value="changes">{t('tabs.changes')}</TabsTrigger>
        <TabsTrigger value="export">{t('tabs.export')}</TabsTrigger>
      </TabsList>
      {dirty && tab !== 'definition' ? <Alert className="mt-4" variant="warning" title={t('unsavedTitle')}>{t('unsavedBody')}</Alert> : null}
      <TabsContent value="definition" forceMount hidden={tab !== 'definition'}>
        <DraftEditor key={JSON.stringify(data.content)} data={data} onDirtyChange={setDirty} saved={saved} onSaved={setSaved} />
      </TabsContent>
      {isDraft ? (
        <TabsContent value="weights">
          <WeightTuner data={data} periods={periodRows} periodId={chosenPeriod} onPeriodChange={setPeriodId} />
        </TabsContent>
      ) : null}
      <TabsContent value="impact">
        <ImpactPreview data={data} periods={periodRows} periodId={chosenPeriod} onPeriodChange={setPeriodId} />
      </TabsContent>
      <TabsContent value="sensitivity">
        <SensitivityPanel data={data} periods={periodRows} periodId={chosenPeriod} onPeriodChange={setPeriodId} />
      </TabsContent>
      <TabsContent value="changes">
        <VersionChanges data={data} />
      </TabsContent>
      <TabsContent value="export">
        <VersionExport data={data} />
      </TabsContent>
    </Tabs>
  );
}
