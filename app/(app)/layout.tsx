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
  const nav: NavItem[] =
    ctx.user.role === 'admin'
      ? [
          { href: '/admin', label: t('nav.overview'), icon: 'overview' },
          { href: '/admin/stakeholders', label: t('nav.stakeholders'), icon: 'stakeholders' },
          { href: '/admin/users', label: t('nav.users'), icon: 'users' },
        ]
      : ctx.user.role === 'assessor'
        ? [{ href: '/assessor', label: t('nav.myStakeholders'), icon: 'stakeholders' }]
        : [{ href: '/me', label: t('nav.myProfile'), icon: 'profile' }];
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
