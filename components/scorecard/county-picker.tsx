// County and period choice as a plain GET form: works without script, one submit, keyboard friendly.
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClassName, controlClassName } from '@/components/ui/styles';
import { cn } from '@/lib/cn';
import { pickName, type Label } from '@/core/i18n/label';

export async function CountyPicker({
  counties,
  periods,
  countyId,
  period,
}: {
  counties: { id: number; name: Label }[];
  periods: string[];
  countyId: number | null;
  period: string | null;
}) {
  const [t, locale] = await Promise.all([getTranslations('scorecard'), getLocale()]);
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" data-print="hide">
      <div className="grid gap-1">
        <label htmlFor="county-picker" className="text-sm font-medium">
          {t('county.county')}
        </label>
        <select id="county-picker" name="countyId" defaultValue={countyId ?? undefined} className={cn(controlClassName, 'h-10 w-auto min-w-44 max-w-full')}>
          {counties.map((c) => (
            <option key={c.id} value={c.id}>
              {pickName(c.name, locale)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid gap-1">
        <label htmlFor="period-picker" className="text-sm font-medium">
          {t('period')}
        </label>
        <select id="period-picker" name="period" defaultValue={period ?? undefined} className={cn(controlClassName, 'h-10 w-32')}>
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClassName({ variant: 'secondary' })}>
        {t('county.apply')}
      </button>
    </form>
  );
}
