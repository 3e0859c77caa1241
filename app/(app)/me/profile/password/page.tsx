import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { PasswordChangeForm } from '@/components/auth/password-change-form';
import { ClientMessages } from '@/components/app/client-messages';

export async function generateMetadata() {
  return { title: (await getTranslations('auth.changePassword'))('title') };
}

export default async function MyPasswordPage() {
  const t = await getTranslations('auth.changePassword');
  return (
    <ClientMessages namespaces={['auth.changePassword', 'errors', 'jobs', 'validation']}>
      <PageHeader title={t('title')} />
      <div className="max-w-sm">
        <PasswordChangeForm />
      </div>
    </ClientMessages>
  );
}
