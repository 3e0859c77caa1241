import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { VersionWorkspace } from '@/components/method/version-workspace';
import { api } from '@/lib/trpc/server';
import { labelOf, pickName } from '@/core/i18n/label';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('method'))('version.metaTitle') };
}

export default async function VersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  const { versionId } = await params;
  const id = Number(versionId);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const [t, locale] = await Promise.all([getTranslations('method.version'), getLocale()]);
  let data;
  try {
    data = await (await api()).kpiSets.version({ versionId: id });
  } catch {
    notFound();
  }
  const name = pickName(labelOf(data.kpiSet), locale);
  return (
    <ClientMessages namespaces={['adminTools.table', 'errors', 'incentives.explain', 'incentives.kinds', 'jobs', 'method.diff', 'method.editor', 'method.export', 'method.impact', 'method.sensitivity', 'method.tuning', 'method.version', 'methodCoverage', 'validation']}>
      <PageHeader
        breadcrumb={<Link href="/admin/kpi-sets" className="hover:underline">{t('back')}</Link>}
        title={t('title', { name, version: data.version.version })}
        meta={<Badge variant={data.version.status === 'published' ? 'success' : 'warning'}>{t(`status.${data.version.status}`)}</Badge>}
        description={data.version.status === 'draft' ? t('draftDescription') : t('publishedDescription', { period: data.effectiveFrom?.code ?? '—' })}
      />
      <VersionWorkspace versionId={id} />
    </ClientMessages>
  );
}
