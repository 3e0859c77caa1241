import { getTranslations } from 'next-intl/server';
import { ShieldX } from 'lucide-react';
import { StatusPage } from '@/components/app/status-page';

/** A page the user's role may not open (403), in the user's language. */
export default async function Forbidden() {
  const t = await getTranslations('common.errors');
  return <StatusPage icon={<ShieldX className="size-7" />} title={t('forbiddenTitle')} body={t('forbiddenBody')} />;
}
