import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { DEMO_PASSWORD, DEMO_USERS } from '@/seed/demo-users';
import { getContext } from '@/lib/trpc/server';
import { isSeeded } from '@/seed/marker';
import { LanguageSwitcher } from '@/components/app/language-switcher';
import { SignInForm } from './sign-in-form';

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('signIn.title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const ctx = await getContext();
  const { next } = await searchParams;
  if (ctx.user) redirect(next && next.startsWith('/') && !next.startsWith('//') ? next : '/');
  const t = await getTranslations();
  const locale = (await getLocale()) as 'en' | 'zh-CN';
  // Only a database holding the demo data shows its (published, demo-only) logins.
  const isDemo = isSeeded(ctx.db);
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between gap-4">
          <div>
            <p className="text-sm font-medium text-primary">{t('common.appName')}</p>
            <h1 className="text-2xl font-semibold">{t('auth.signIn.title')}</h1>
          </div>
          <LanguageSwitcher />
        </div>
        <div className="rounded-lg border bg-surface p-6 shadow-sm">
          <SignInForm next={next ?? ''} />
        </div>
        <p className="mt-4 text-center text-sm text-muted-foreground">{t('auth.signIn.help')}</p>
        {isDemo ? (
          <details className="mt-4 rounded-lg border border-warning-border bg-warning-subtle p-4 text-sm">
            <summary className="cursor-pointer font-medium text-warning-foreground">{t('auth.demo.summary')}</summary>
            <p className="mt-2 text-warning-foreground">{t('auth.demo.body', { password: DEMO_PASSWORD })}</p>
            <ul className="mt-2 grid gap-1.5">
              {DEMO_USERS.map((u) => (
                <li key={u.username}>
                  <code className="font-mono font-semibold">{u.username}</code>{' '}
                  <span className="text-muted-foreground">— {u.description[locale]}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
    </main>
  );
}
