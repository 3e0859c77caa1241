import { getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page-header';
import { PasswordChangeForm } from '@/components/auth/password-change-form';

export async function generateMetadata() {
  return { title: (await getTranslations('auth.changePassword'))('title') };
}

export default async function MyPasswordPage() {
  const t = await getTranslations('auth.changePassword');
  return (
    <>
      <PageHeader title={t('title')} />
      <div className="max-w-sm">
        <PasswordChangeForm />
      </div>
    </>
  );
}
