import { getTranslations } from 'next-intl/server';
import { FileQuestion } from 'lucide-react';
import { StatusPage } from '@/components/app/status-page';

export default async function NotFound() {
  const t = await getTranslations('common.errors');
  return <StatusPage icon={<FileQuestion className="size-7" />} title={t('notFoundTitle')} body={t('notFoundBody')} />;
}
