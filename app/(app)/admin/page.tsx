import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { api } from '@/lib/trpc/server';
import { STAKEHOLDER_TYPES, REGION_LEVELS } from '@/core/domain/enums';
import { labelOf, pickName } from '@/core/i18n/label';
import { formatNumber } from '@/core/i18n/format';
import { isLocale } from '@/i18n/config';
import { CountyCompleteness } from '@/components/admin/county-completeness';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('admin'))('overview.title') };
}

const PERIOD_BADGE = { open: 'info', closed: 'warning', published: 'success' } as const;

/** `?period=<id>` chooses the period of the completeness table; anything else shows the open (else latest) one. */
export default async function AdminHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, tc, locale] = await Promise.all([getTranslations('admin.overview'), getTranslations('common'), getLocale()]);
  const asked = Number((await searchParams).period);
  const periodId = Number.isSafeInteger(asked) && asked > 0 ? asked : undefined;
  const caller = await api();
  // A link to a period that no longer exists shows the default period rather than failing.
  const data = await caller.dashboard.admin({ periodId }).catch(() => caller.dashboard.admin({}));
  const n = (x: number) => formatNumber(x, locale);
  const regionCount = (level: string) => data.regionsByLevel.find((r) => r.level === level)?.n ?? 0;
  const typeCount = (type: string) => data.stakeholdersByType.find((r) => r.type === type)?.n ?? 0;
  const totalStakeholders = data.stakeholdersByType.reduce((s, r) => s + r.n, 0);
  const totalUsers = data.usersByRole.reduce((s, r) => s + r.n, 0);

  return (
    <ClientMessages namespaces={['adminTools.table']}>
      <PageHeader title={t('title')} description={t('description')} />
      <section aria-labelledby="counts" className="mb-8">
        <h2 id="counts" className="sr-only">{t('countsHeading')}</h2>
        <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <StatCard label={t('regions')} value={n(data.regionsByLevel.reduce((s, r) => s + r.n, 0))} hint={REGION_LEVELS.filter((l) => regionCount(l) > 0).map((l) => `${tc(`regionLevels.${l}`)} ${n(regionCount(l))}`).join(' · ')} />
          <StatCard label={t('stakeholders')} value={n(totalStakeholders)} hint={STAKEHOLDER_TYPES.map((ty) => `${tc(`stakeholderTypes.${ty}`)} ${n(typeCount(ty))}`).join(' · ')} />
          <StatCard label={t('kpiSets')} value={n(data.kpiSets.length)} hint={t('kpiSetsHint', { published: data.kpiSets.filter((k) => Number(k.published) > 0).length })} />
          <StatCard label={t('users')} value={n(totalUsers)} hint={data.usersByRole.map((r) => `${tc(`roles.${r.role}`)} ${n(r.n)}`).join(' · ')} />
        </div>
      </section>
      <div className="mb-6">
        <CountyCompleteness data={data.completeness} periods={data.periods} locale={isLocale(locale) ? locale : 'zh-CN'} />
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t('periods')}</CardTitle>
          </CardHeader>
          <CardContent>
            {data.periods.length === 0 ? (
              <EmptyState title={t('noPeriods')} description={t('noPeriodsHint')} titleAs="h3" />
            ) : (
              <ul className="divide-y">
                {data.periods.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <span className="font-medium tabular-nums">{p.code}</span>
                    <span className="text-sm text-muted-foreground">
                      {t('periodProgress', { approved: n(Number(p.approved)), total: n(p.evaluations) })}
                    </span>
                    <Badge variant={PERIOD_BADGE[p.status]}>{tc(`periodStatus.${p.status}`)}</Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('kpiSets')}</CardTitle>
          </CardHeader>
          <CardContent>
            {data.kpiSets.length === 0 ? (
              <EmptyState title={t('noKpiSets')} titleAs="h3" />
            ) : (
              <ul className="divide-y">
                {data.kpiSets.map((k) => (
                  <li key={k.kpiSetId} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <span className="font-medium">{pickName(labelOf(k), locale)}</span>
                    <span className="text-sm text-muted-foreground">{tc(`stakeholderTypes.${k.type}`)}</span>
                    <Badge variant={Number(k.published) > 0 ? 'success' : 'neutral'}>
                      {t('versions', { count: k.versions })}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <p className="mt-6 text-sm">
        <Link className="text-primary underline-offset-4 hover:underline" href="/admin/users">
          {t('manageUsers')}
        </Link>
      </p>
    </ClientMessages>
  );
}
