import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { api } from '@/lib/trpc/server';
import { AppShell, type NavItem } from '@/components/app/app-shell';
import { ClientMessages } from '@/components/app/client-messages';
import { TRPCReactProvider } from '@/lib/trpc/client';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const caller = await api();
  const [me, demo] = await Promise.all([caller.me.get(), caller.meta.demo()]);
  if (!me) redirect('/sign-in');
  // A password an administrator set is replaced before any page opens.
  if (me.mustChangePassword) redirect('/change-password');
  const unread = await caller.notifications.unreadCount();
  const t = await getTranslations('common');
  const te = await getTranslations('evaluations');
  const ts = await getTranslations('scorecard');
  const ti = await getTranslations('incentives');
  const ta = await getTranslations('appeals');
  const nav: NavItem[] =
    me.role === 'admin'
      ? [
          { href: '/admin', label: t('nav.overview'), icon: 'overview' },
          { href: '/admin/periods', label: t('nav.periods'), icon: 'periods', group: t('nav.groups.method') },
          { href: '/admin/indicators', label: t('nav.indicators'), icon: 'indicators', group: t('nav.groups.method') },
          { href: '/admin/kpi-sets', label: t('nav.kpiSets'), icon: 'kpiSets', group: t('nav.groups.method') },
          { href: '/evaluations', label: te('nav.workList'), icon: 'workList', group: t('nav.groups.evaluation') },
          { href: '/assessor/dashboard', label: te('nav.dashboard'), icon: 'dashboard', group: t('nav.groups.evaluation') },
          { href: '/scorecards/county', label: ts('nav.county'), icon: 'county', group: t('nav.groups.evaluation') },
          { href: '/appeals', label: ta('nav.appeals'), icon: 'appeals', group: t('nav.groups.evaluation') },
          { href: '/admin/appeals', label: ta('nav.overview'), icon: 'appealsOverview', group: t('nav.groups.evaluation') },
          { href: '/admin/programs', label: ti('nav.programs'), icon: 'programs', group: t('nav.groups.incentives') },
          { href: '/admin/stakeholders', label: t('nav.stakeholders'), icon: 'stakeholders', group: t('nav.groups.administration') },
          { href: '/admin/users', label: t('nav.users'), icon: 'users', group: t('nav.groups.administration') },
          { href: '/admin/regions', label: t('nav.regions'), icon: 'regions', group: t('nav.groups.administration') },
          { href: '/admin/audit', label: t('nav.audit'), icon: 'audit', group: t('nav.groups.administration') },
        ]
      : me.role === 'assessor'
        ? [
            { href: '/assessor', label: t('nav.myStakeholders'), icon: 'stakeholders' },
            { href: '/evaluations', label: te('nav.workList'), icon: 'workList' },
            { href: '/assessor/dashboard', label: te('nav.dashboard'), icon: 'dashboard' },
            { href: '/scorecards/county', label: ts('nav.county'), icon: 'county' },
            { href: '/appeals', label: ta('nav.appeals'), icon: 'appeals' },
          ]
        : [
            { href: '/me', label: ts('nav.myScorecard'), icon: 'scorecard' },
            { href: '/me/profile', label: t('nav.myProfile'), icon: 'profile' },
            { href: '/appeals', label: ta('nav.myAppeals'), icon: 'appeals' },
          ];
  // The app's pages read and write through tRPC; the public pages (sign-in) go without its client.
  return (
    <ClientMessages namespaces={['notifications.bell', 'errors.network']}>
      <TRPCReactProvider>
        <AppShell
          nav={nav}
          user={{ name: me.name, username: me.username, roleLabel: t(`roles.${me.role}`) }}
          demoNotice={demo ? t('demoNotice') : null}
          unread={unread}
        >
          {children}
        </AppShell>
      </TRPCReactProvider>
    </ClientMessages>
  );
}
