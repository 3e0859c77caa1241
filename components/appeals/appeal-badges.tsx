// An appeal's status and whether its decision is due or overdue, as badges (text, not colour alone).
import { useFormatter, useTranslations } from 'next-intl';
import type { AppealStatus } from '@/core/domain/appeals';
import { Badge, type BadgeVariant } from '@/components/ui/badge';

const STATUS_VARIANT: Record<AppealStatus, BadgeVariant> = {
  submitted: 'info',
  proposed: 'warning',
  accepted: 'success',
  rejected: 'neutral',
  withdrawn: 'outline',
};

export function AppealStatusBadge({ status }: { status: AppealStatus }) {
  const t = useTranslations('appeals');
  return (
    <Badge variant={STATUS_VARIANT[status]} data-appeal-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

export function AppealDueBadge({ state, dueOn }: { state: 'due' | 'overdue' | null; dueOn: string }) {
  const t = useTranslations('appeals');
  const format = useFormatter();
  if (!state) return null;
  const date = format.dateTime(new Date(`${dueOn}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  return (
    <Badge variant={state === 'overdue' ? 'danger' : 'neutral'} dot data-due-state={state}>
      {t(`due.${state}`, { date })}
    </Badge>
  );
}
