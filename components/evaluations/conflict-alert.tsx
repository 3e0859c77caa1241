'use client';
// A save that found a newer stored copy: who saved it, and the choice to keep one's own edits
// (saved over it) or take the stored values.
import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Conflict } from './use-evaluation-draft';

export function ConflictAlert({ conflict, revision, onKeepMine, onDiscardMine }: { conflict: Conflict; revision: number; onKeepMine: () => void; onDiscardMine: () => void }) {
  const t = useTranslations('evaluations.editor');
  return (
    <Alert
      variant="error"
      title={t('conflictTitle')}
      action={
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onKeepMine} disabled={!conflict.theirs?.actions.edit}>
            {t('conflictKeepMine')}
          </Button>
          <Button size="sm" variant="outline" onClick={onDiscardMine}>
            {t('conflictDiscardMine')}
          </Button>
        </div>
      }
    >
      <p>
        {t('conflictBody', {
          name: conflict.theirs?.timeline.at(-1)?.actorName ?? t('someone'),
          theirs: conflict.theirs?.evaluation.revision ?? '?',
          mine: revision,
        })}
      </p>
      <p className="mt-1">{t('conflictHint')}</p>
    </Alert>
  );
}
