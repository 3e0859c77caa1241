'use client';
// Fields someone else changed while the user was editing them too: per field, the saved version and
// the user's own side by side, and the choice to keep mine (saved over it) or take theirs. Every
// other field of both people is already merged and saved.
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { labelOf, pickName } from '@/core/i18n/label';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Conflict, Entry, EvaluationView } from './use-evaluation-draft';

export function ConflictAlert({
  conflicts,
  indicators,
  mine,
  onKeepMine,
  onTakeTheirs,
}: {
  conflicts: Conflict[];
  indicators: EvaluationView['indicators'];
  mine: Record<string, Entry>;
  onKeepMine: (c: Conflict) => void;
  onTakeTheirs: (c: Conflict) => void;
}) {
  const t = useTranslations('evaluations.editor');
  const locale = useLocale();
  const names = new Map(indicators.map((d) => [d.code, pickName(labelOf(d), locale)]));
  const fieldName = { value: t('conflictFieldValue'), note: t('note'), evidenceUrl: t('evidence') } as const;
  const shown = (v: string) => (v === '' ? '—' : v);
  return (
    <Alert variant="error" title={t('conflictTitle')} data-testid="conflicts">
      <p>{t('conflictFields', { name: conflicts[0]?.by ?? t('someone'), n: conflicts.length })}</p>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">{t('conflictField')}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t('conflictTheirs')}</th>
              <th scope="col" className="py-1 pr-3 font-medium">{t('conflictMine')}</th>
              <th scope="col" className="py-1"><span className="sr-only">{t('conflictChoice')}</span></th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => {
              const label = `${names.get(c.code) ?? c.code} · ${fieldName[c.field]}`;
              return (
                <tr key={`${c.code}.${c.field}`} data-testid={`conflict-${c.code}-${c.field}`} className="border-t align-top">
                  <th scope="row" className="py-1.5 pr-3 font-normal">{label}</th>
                  <td className="py-1.5 pr-3 break-all" data-testid="theirs">{shown(c.theirs)}</td>
                  <td className="py-1.5 pr-3 break-all" data-testid="mine">{shown(mine[c.code]?.[c.field] ?? '')}</td>
                  <td className="py-1.5">
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" onClick={() => onKeepMine(c)} aria-label={t('conflictKeepMineOf', { field: label })}>
                        {t('conflictKeepMine')}
                      </Button>
                      <Button size="sm" variant="outline" onClick={() => onTakeTheirs(c)} aria-label={t('conflictTakeTheirsOf', { field: label })}>
                        {t('conflictTakeTheirs')}
                      </Button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Alert>
  );
}

/** Input kept in this browser from an earlier visit that was never saved: restore it or discard it. */
export function RestoreAlert({ at, count, onRestore, onDiscard }: { at: number; count: number; onRestore: () => void; onDiscard: () => void }) {
  const t = useTranslations('evaluations.editor');
  const format = useFormatter();
  return (
    <Alert
      variant="warning"
      title={t('restoreTitle')}
      data-testid="restore-offer"
      action={
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onRestore}>
            {t('restore')}
          </Button>
          <Button size="sm" variant="outline" onClick={onDiscard}>
            {t('restoreDiscard')}
          </Button>
        </div>
      }
    >
      {t('restoreBody', { n: count, time: format.dateTime(new Date(at), { dateStyle: 'medium', timeStyle: 'short' }) })}
    </Alert>
  );
}
