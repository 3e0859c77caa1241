// On a published scorecard: "Contest values" while the period's appeal window is open (and until
// when), the open appeal when there is one, or the day the window closed.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { Scale } from 'lucide-react';

export type AppealWindowView = { period: string; closesOn: string | null; open: boolean; openAppealId: number | null };

export function AppealWindowLink({ stakeholderId, window }: { stakeholderId: number; window: AppealWindowView | null }) {
  const t = useTranslations('appeals');
  const format = useFormatter();
  if (!window?.closesOn) return null;
  const date = format.dateTime(new Date(`${window.closesOn}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const linkClass = 'inline-flex items-center gap-1 text-sm text-primary hover:underline';
  if (window.openAppealId !== null) {
    return (
      <Link href={`/appeals/${window.openAppealId}`} className={linkClass} data-print="hide">
        <Scale aria-hidden="true" className="size-4" />
        {t('window.openAppeal', { id: window.openAppealId })}
      </Link>
    );
  }
  if (!window.open) {
    return (
      <span className="text-sm text-muted-foreground" data-print="hide">
        {t('window.closed', { date })}
      </span>
    );
  }
  return (
    <Link href={`/appeals/new?stakeholder=${stakeholderId}&period=${encodeURIComponent(window.period)}`} className={linkClass} data-print="hide" data-appeal-link>
      <Scale aria-hidden="true" className="size-4" />
      {t('window.contest', { date })}
    </Link>
  );
}
