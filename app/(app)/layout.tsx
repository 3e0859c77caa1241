import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { eq } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import { getContext } from '@/lib/trpc/server';
import { AppShell, type NavItem } from '@/components/app/app-shell';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const ctx = await getContext();
  if (!ctx.user) redirect('/sign-in');
  const t = await getTranslations('common');
  const te = await getTranslations('evaluations');
  const ts = await getTranslations('scorecard');
  const ti = await getTranslations('incentives');
  const nav: NavItem[] =
    ctx.user.role === 'admin'
      ? [
          { href: '/admin', label: t('nav.overview'), icon: 'overview' },
          { href: '/admin/stakeholders', label: t('nav.stakeholders'), icon: 'stakeholders' },
          { href: '/admin/users', label: t('nav.users'), icon: 'users' },
          { href: '/admin/periods', label: t('nav.periods'), icon: 'overview' },
          { href: '/admin/indicators', label: t('nav.indicators'), icon: 'overview' },
          { href: '/admin/kpi-sets', label: t('nav.kpiSets'), icon: 'overview' },
          { href: '/evaluations', label: te('nav.workList'), icon: 'stakeholders' },
          { href: '/assessor/dashboard', label: te('nav.dashboard'), icon: 'overview' },
          { href: '/scorecards/county', label: ts('nav.county'), icon: 'overview' },
          { href: '/admin/programs', label: ti('nav.programs'), icon: 'overview' },
        ]
      : ctx.user.role === 'assessor'
        ? [
            { href: '/assessor', label: t('nav.myStakeholders'), icon: 'stakeholders' },
            { href: '/evaluations', label: te('nav.workList'), icon: 'stakeholders' },
            { href: '/assessor/dashboard', label: te('nav.dashboard'), icon: 'overview' },
            { href: '/scorecards/county', label: ts('nav.county'), icon: 'overview' },
          ]
        : [{ href: '/me', label: ts('nav.myScorecard'), icon: 'overview' }];
  const isDemo = Boolean(ctx.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'demo.seed')).get());
  return (
    <AppShell
      nav={nav}
      user={{ name: ctx.user.name, username: ctx.user.username, roleLabel: t(`roles.${ctx.user.role}`) }}
      demoNotice={isDemo ? t('demoNotice') : null}
    >
      {children}
    </AppShell>
  );
}
