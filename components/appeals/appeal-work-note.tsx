// On the assessor's home: the appeals in its regions waiting for a decision, overdue ones said.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Scale } from 'lucide-react';
import { Alert } from '@/components/ui/alert';

export function AppealWorkNote({ work, className }: { work: { open: number; overdue: number }; className?: string }) {
  const t = useTranslations('appeals.work');
  if (work.open === 0) return null;
  return (
    <Alert variant={work.overdue > 0 ? 'warning' : 'info'} title={t('title')} icon={<Scale aria-hidden="true" className="size-5" />} className={className}>
      <span className="flex flex-wrap items-center gap-x-3">
        {t('summary', { open: work.open, overdue: work.overdue })}
        <Link href="/appeals?state=open&sort=dueOn&dir=asc" className="text-primary underline">
          {t('open')}
        </Link>
      </span>
    </Alert>
  );
}
