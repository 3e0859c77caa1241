import { useTranslations } from 'next-intl';
import { Badge, type BadgeVariant } from '@/components/ui/badge';

export type WorkStatus = 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved';

const VARIANT: Record<WorkStatus, BadgeVariant> = {
  not_started: 'outline',
  draft: 'neutral',
  submitted: 'info',
  returned: 'warning',
  approved: 'success',
};

export function StatusBadge({ status }: { status: WorkStatus }) {
  const t = useTranslations('evaluations.status');
  return (
    <Badge variant={VARIANT[status]} dot>
      {t(status)}
    </Badge>
  );
}
