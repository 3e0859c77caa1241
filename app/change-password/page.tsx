// Where every page leads while the password is one an administrator set (see app/(app)/layout.tsx):
// outside the app's shell, like the sign-in page, so nothing else is reachable until it is changed.
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { safeNextPath } from '@/core/domain/sign-in';
import { api } from '@/lib/trpc/server';
import { AuthFrame } from '@/components/auth/auth-frame';
import { PasswordChangeForm } from '@/components/auth/password-change-form';
import { Alert } from '@/components/ui/alert';
import { ClientMessages } from '@/components/app/client-messages';
import { TRPCReactProvider } from '@/lib/trpc/client';

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
  const signOut = (
    <form method="post" action="/api/session/sign-out" className="mt-4 text-center">
      <button type="submit" className="text-sm text-muted-foreground underline">
        {t('common.signOut')}
      </button>
    </form>
  );
  return (
    <ClientMessages namespaces={['auth.changePassword', 'errors', 'jobs', 'validation']}>
      {/* The form saves through tRPC (the same form as the profile's); the sign-in page has no client. */}
      <TRPCReactProvider>
        <AuthFrame title={t('auth.changePassword.forcedTitle')} after={signOut}>
          <Alert variant="info">{t('auth.changePassword.forcedBody')}</Alert>
          <PasswordChangeForm next={next} />
        </AuthFrame>
      </TRPCReactProvider>
    </ClientMessages>
  );
}
