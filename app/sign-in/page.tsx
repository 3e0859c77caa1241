import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getContext } from '@/lib/trpc/server';
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
      </div>
    </main>
  );
}
