import { redirect } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { isSignInRefusal, safeNextPath } from '@/core/domain/sign-in';
import { pickName } from '@/core/i18n/label';
import { DEFAULT_LOCALE, isLocale } from '@/i18n/config';
import { api } from '@/lib/trpc/server';
import { AuthFrame } from '@/components/auth/auth-frame';
import { SignInForm } from './sign-in-form';
import { ClientMessages } from '@/components/app/client-messages';

type Search = { next?: string; error?: string; username?: string; retry?: string };

export async function generateMetadata() {
  const t = await getTranslations('auth');
  return { title: t('signIn.title') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const caller = await api();
  const [me, demo, search] = await Promise.all([caller.me.get(), caller.meta.demo(), searchParams]);
  if (me) redirect(safeNextPath(search.next));
  const t = await getTranslations();
  const current = await getLocale();
  const locale = isLocale(current) ? current : DEFAULT_LOCALE;
  const below = (
    <>
      <p className="mt-4 text-center text-sm text-muted-foreground">{t('auth.signIn.help')}</p>
      {/* Only a database holding the demo data shows its (published, demo-only) logins. */}
      {demo ? (
        <details className="mt-4 rounded-lg border border-warning-border bg-warning-subtle p-4 text-sm">
          <summary className="cursor-pointer font-medium text-warning-foreground">{t('auth.demo.summary')}</summary>
          <p className="mt-2 text-warning-foreground">{t('auth.demo.body', { password: demo.password })}</p>
          <ul className="mt-2 grid gap-1.5">
            {demo.users.map((u) => (
              <li key={u.username}>
                <code className="font-mono font-semibold">{u.username}</code>{' '}
                <span className="text-muted-foreground">— {pickName(u.description, locale)}</span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
  return (
    <ClientMessages namespaces={['auth.signIn']}>
      <AuthFrame title={t('auth.signIn.title')} after={below}>
        <SignInForm
          next={safeNextPath(search.next)}
          error={isSignInRefusal(search.error) ? search.error : null}
          username={search.username ?? ''}
          retryAfterSeconds={Number(search.retry) || 0}
        />
      </AuthFrame>
    </ClientMessages>
  );
}
