'use client';
// The evaluation's history from the audit log; consecutive autosaves by one person fold into one entry.
import { useFormatter, useTranslations } from 'next-intl';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';

type Entry = { id: number; at: Date; action: string; actorName: string | null; reason: string | null };
type Folded = Entry & { count: number };

const KNOWN = new Set(['evaluation.create', 'evaluation.save', 'evaluation.submit', 'evaluation.approve', 'evaluation.return', 'evaluation.reopen', 'evaluation.import']);

export function Timeline({ entries }: { entries: readonly Entry[] }) {
  const t = useTranslations('evaluations.timeline');
  const format = useFormatter();
  const folded: Folded[] = [];
  for (const e of entries) {
    const last = folded[folded.length - 1];
    if (last && e.action === 'evaluation.save' && last.action === 'evaluation.save' && last.actorName === e.actorName) {
      last.count++;
      last.at = e.at;
    } else folded.push({ ...e, count: 1 });
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">{t('title')}</CardTitle>
      </CardHeader>
      <CardContent>
        {folded.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('empty')}</p>
        ) : (
          <ol className="relative grid gap-4 border-l pl-5" data-testid="timeline">
            {folded.map((e) => (
              <li key={e.id} className="relative">
                <span aria-hidden="true" className="absolute -left-[1.6rem] top-1.5 size-2.5 rounded-full bg-primary" />
                <p className="text-sm">
                  <span className="font-medium">{KNOWN.has(e.action) ? t(`actions.${e.action.replace('evaluation.', '')}`, { count: e.count }) : e.action}</span>
                  {' · '}
                  {e.actorName ?? t('system')}
                </p>
                <p className="text-xs text-muted-foreground tabular-nums">
                  <time dateTime={new Date(e.at).toISOString()}>{format.dateTime(new Date(e.at), { dateStyle: 'medium', timeStyle: 'short' })}</time>
                </p>
                {e.reason ? <p className="mt-1 rounded-md bg-muted px-3 py-2 text-sm">{e.reason}</p> : null}
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
