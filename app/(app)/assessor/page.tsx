import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClassName } from '@/components/ui/styles';
import { PageHeader } from '@/components/ui/page-header';
import { StatCard } from '@/components/ui/stat-card';
import { Alert } from '@/components/ui/alert';
import { StakeholderList } from '@/components/stakeholders/stakeholder-list';
import { api } from '@/lib/trpc/server';
import { STAKEHOLDER_TYPES } from '@/core/domain/enums';
import { listParamsFromUrl, type UrlSearchParams } from '@/core/schemas/list-params';
import { stakeholderListSchema } from '@/core/schemas/lists';
import { pickName } from '@/core/i18n/label';
import { formatList, formatNumber } from '@/core/i18n/format';
import { DueNote } from '@/components/evaluations/work-views';
import { dueState, isoDay } from '@/core/domain/work-views';
import { ClientMessages } from '@/components/app/client-messages';
import { AppealWorkNote } from '@/components/appeals/appeal-work-note';


export async function generateMetadata() {
  return { title: (await getTranslations('stakeholders'))('home.title') };
}

export default async function AssessorHome({ searchParams }: { searchParams: Promise<UrlSearchParams> }) {
  const [t, tc, locale] = await Promise.all([getTranslations('stakeholders.home'), getTranslations('common'), getLocale()]);
  const te = await getTranslations('evaluations');
  const caller = await api();
  const params = listParamsFromUrl(stakeholderListSchema, await searchParams);
  const [data, list, appealWork] = await Promise.all([caller.dashboard.assessor(), caller.stakeholders.list(params), caller.appeals.work()]);
  const regionNames = formatList(data.regions.map((r) => pickName(r.name, locale)), locale);
  const count = (ty: string) => data.byType.find((r) => r.type === ty)?.n ?? 0;
  const entered = data.progress.reduce((s, r) => s + r.n, 0);
  const approved = data.progress.find((r) => r.status === 'approved')?.n ?? 0;
  return (
    <ClientMessages namespaces={['adminTools.table', 'stakeholders.fields', 'stakeholders.list', 'stakeholders.registry.importLink', 'stakeholders.status', 'workQueue.due', 'workQueue.viewHint', 'workQueue.views']}>
      <PageHeader
        title={t('title')}
        description={regionNames ? t('description', { regions: regionNames }) : undefined}
        actions={
          <>
            <Link href="/evaluations" className={buttonClassName()}>
              {te('nav.workList')}
            </Link>
            <Link href="/assessor/dashboard" className={buttonClassName({ variant: 'outline' })}>
              {te('nav.dashboard')}
            </Link>
          </>
        }
      />
      {data.openPeriod ? (
        <DueNote className="mb-4" code={data.openPeriod.code} open due={data.openPeriod.dueOn ? dueState(data.openPeriod.dueOn, isoDay(new Date())) : null} />
      ) : null}
      <AppealWorkNote className="mb-4" work={appealWork} />
      {data.regions.length === 0 ? (
        <Alert variant="warning" title={t('noScopeTitle')} className="mb-6">
          {t('noScopeBody')}
        </Alert>
      ) : null}
      <div className="mb-8 grid grid-cols-2 gap-3 lg:grid-cols-4">
        {STAKEHOLDER_TYPES.map((ty) => (
          <StatCard key={ty} label={tc(`stakeholderTypes.${ty}`)} value={formatNumber(count(ty), locale)} />
        ))}
        <StatCard
          label={data.openPeriod ? t('openPeriod', { code: data.openPeriod.code }) : t('noOpenPeriod')}
          value={data.openPeriod ? `${formatNumber(approved, locale)} / ${formatNumber(entered, locale)}` : '—'}
          hint={data.openPeriod ? t('openPeriodHint') : undefined}
        />
      </div>
      <StakeholderList canCreate data={list} params={params} />
    </ClientMessages>
  );
}
