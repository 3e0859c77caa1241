// Where every page leads while the password is one an administrator set (see app/(app)/layout.tsx):
// outside the app's shell, like the sign-in page, so nothing else is reachable until it is changed.
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { safeNextPath } from '@/core/domain/sign-in';
import { api } from '@/lib/trpc/server';
import { LanguageSwitcher } from '@/components/app/language-switcher';
import { PasswordChangeForm } from '@/components/auth/password-change-form';
import { Alert } from '@/components/ui/alert';

export async function generateMetadata() {
  const t = await getTranslations('auth.changePassword');
  return { title: t('forcedTitle') };
}

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const [me, search] = await Promise.all([(await api()).me.get(), searchParams]);
  if (!me) redirect('/sign-in');
  const next = safeNextPath(search.next);
  if (!me.mustChangePassword) redirect(next);
  const t = await getTranslations();
  return (
    <main className="grid min-h-dvh place-items-center bg-background px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between gap-4">
          <div>
            <p className="text-sm font-medium text-primary">{t('common.appName')}</p>
            <h1 className="text-2xl font-semibold">{t('auth.changePassword.forcedTitle')}</h1>
          </div>
          <LanguageSwitcher />
        </div>
        <div className="grid gap-4 rounded-lg border bg-surface p-6 shadow-sm">
          <Alert variant="info">{t('auth.changePassword.forcedBody')}</Alert>
          <PasswordChangeForm next={next} />
        </div>
        <form method="post" action="/api/session/sign-out" className="mt-4 text-center">
          <button type="submit" className="text-sm text-muted-foreground underline">
            {t('common.signOut')}
          </button>
        </form>
      </div>
    </main>
  );
}
