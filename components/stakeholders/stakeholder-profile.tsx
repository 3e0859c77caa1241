import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { pickName } from '@/core/i18n/label';

type Stakeholder = Omit<inferRouterOutputs<AppRouter>['stakeholders']['get'], 'typeLocked' | 'actions'>;

export async function StakeholderProfile({ stakeholder: s }: { stakeholder: Stakeholder }) {
  const [t, tc, locale, format] = await Promise.all([getTranslations('stakeholders'), getTranslations('common'), getLocale(), getFormatter()]);
  const rows: [string, React.ReactNode][] = [
    [t('fields.code'), <span key="code" className="tabular-nums">{s.code}</span>],
    [t('fields.type'), tc(`stakeholderTypes.${s.type}`)],
    [t('fields.region'), `${pickName(s.regionName, locale)} (${s.regionCode})`],
    [t('fields.creditCode'), s.creditCode ? <span key="cc" className="font-mono">{s.creditCode}</span> : t('profile.none')],
    [t('fields.contactName'), s.contactName ?? t('profile.none')],
    [t('fields.contactPhone'), s.contactPhone ?? t('profile.none')],
    [t('fields.status'), <Badge key="status" variant={s.active ? 'success' : 'neutral'}>{s.active ? t('status.active') : t('status.inactive')}</Badge>],
    [t('profile.updatedAt'), format.dateTime(s.updatedAt, { dateStyle: 'medium', timeStyle: 'short' })],
  ];
  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle>{t('profile.heading')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[12rem_1fr]">
          {rows.map(([k, v], i) => (
            <div key={i} className="contents">
              <dt className="text-sm text-muted-foreground">{k}</dt>
              <dd className="text-sm font-medium">{v}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
