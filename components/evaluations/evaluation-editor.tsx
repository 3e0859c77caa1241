'use client';
// The evaluation form: generated from the KPI-set version's indicators, grouped by objective,
// with the previous approved value and the change since beside each field, autosaved drafts merged
// field by field (use-evaluation-draft), a live score preview (on a phone also a compact bar that
// stays in view), the review actions with a comment per indicator, and the timeline.
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import { useDeferredValue, useMemo, useState } from 'react';
import { parseValueText, valueProblem } from '@/core/domain/value-checks';
import { labelOf, pickName } from '@/core/i18n/label';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ListEditorLayout } from '@/components/ui/list-editor-layout';
import { ConflictAlert, RestoreAlert } from './conflict-alert';
import { IndicatorFields } from './indicator-fields';
import { ReviewActions } from './review-actions';
import { CompactStatusBar } from './compact-status-bar';
import { ScorePreview, usePreviewResult } from './score-preview';
import { StatusBadge } from './status-badge';
import { Timeline } from './timeline';
import { useEvaluationDraft, type EvaluationView } from './use-evaluation-draft';
import { formatNumber } from '@/core/i18n/format';

export function EvaluationEditor({ initial, userId }: { initial: EvaluationView; userId: string }) {
  const t = useTranslations('evaluations.editor');
  const locale = useLocale();
  const format = useFormatter();
  const draft = useEvaluationDraft(initial, userId);
  const { data, canEdit, shown, conflicts, dirty, saveState, savedAt } = draft;
  const defs = data.indicators;

  const deferred = useDeferredValue(shown);
  const previewValues = useMemo(() => {
    const out: Record<string, number | null> = {};
    for (const d of defs) {
      const n = parseValueText(deferred[d.code]?.value ?? '');
      out[d.code] = n === null || Number.isNaN(n) || valueProblem(d, n) ? null : n;
    }
    return out;
  }, [defs, deferred]);
  const preview = usePreviewResult(data.document, data.peers, previewValues);
  // The reviewer's comments per indicator, sent with a return.
  const [comments, setComments] = useState<Record<string, string>>({});

  const e = data.evaluation;
  const status =
    saveState === 'saving'
      ? t('saving')
      : saveState === 'invalid'
        ? t('notSavedInvalid')
        : saveState === 'conflict' && conflicts.length
          ? t('notSavedConflict', { n: conflicts.length })
          : saveState === 'saved' && !dirty && savedAt
            ? t('savedAt', { time: format.dateTime(savedAt, { timeStyle: 'medium' }) })
            : dirty
              ? t('unsaved')
              : '';
  return (
    <ListEditorLayout
      width="narrow"
      editorLabel={t('previewLabel')}
      editorFirst
      editor={<ScorePreview document={data.document} indicators={defs} peers={data.peers} result={preview} />}
    >
      {/* A block, not a grid item: a sticky grid item could not leave its own row. */}
      <div className="min-w-0">
        <CompactStatusBar document={data.document} result={preview} status={canEdit ? status : null} />
        <div className="grid min-w-0 gap-6">
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <StatusBadge status={e.status} />
            <span className="text-muted-foreground">
              {t('meta', { period: data.period.code, kpiSet: pickName(labelOf(data.kpiSet), locale), version: data.kpiSet.version })}
            </span>
            {canEdit ? (
              // Below lg the compact bar announces the status; one live region at a time.
              <span className="ml-auto hidden text-xs text-muted-foreground lg:inline" role="status" aria-live="polite" data-testid="save-state">
                {status}
              </span>
            ) : null}
          </div>

          {(e.status === 'returned' || (e.status === 'draft' && e.returnReason)) && e.returnReason ? (
            <Alert variant="warning" title={t('returnedTitle')}>
              <span data-testid="return-reason">{e.returnReason}</span>
            </Alert>
          ) : null}
          {draft.offer ? <RestoreAlert at={draft.offer.at} count={draft.offer.changes.length} onRestore={draft.restore} onDiscard={draft.discardKept} /> : null}
          {conflicts.length ? <ConflictAlert conflicts={conflicts} indicators={defs} mine={shown} onKeepMine={draft.keepMine} onTakeTheirs={draft.takeTheirs} /> : null}
          {draft.formError ? (
            <Alert variant="error" title={t('problemTitle')}>
              {draft.formError}
            </Alert>
          ) : null}
          {!canEdit && data.period.status !== 'open' ? <Alert variant="info">{t('periodClosed', { code: data.period.code })}</Alert> : null}

          <form
            onSubmit={(ev) => {
              ev.preventDefault();
              void draft.submitNow();
            }}
            noValidate
            className="grid gap-6"
            aria-label={t('formLabel')}
          >
            {data.document.objectives.map((o) => (
              <fieldset key={o.code} className="min-w-0 rounded-lg border bg-surface">
                <legend className="sr-only">{pickName(o.name, locale)}</legend>
                <div className="flex items-baseline justify-between gap-2 border-b px-4 py-3">
                  <h2 className="text-base font-semibold" aria-hidden="true">
                    {pickName(o.name, locale)}
                  </h2>
                  <span className="text-xs text-muted-foreground">{t('objectiveWeight', { weight: formatNumber(o.weight, locale, { digits: 3 }) })}</span>
                </div>
                <div className="divide-y">
                  {defs
                    .filter((d) => d.objectiveCode === o.code)
                    .map((d) => (
                      <IndicatorFields
                        key={d.code}
                        indicator={d}
                        entry={shown[d.code] ?? { value: '', note: '', evidenceUrl: '' }}
                        previous={data.previous[d.code]}
                        returnComment={data.returnComments[d.code]}
                        review={data.actions.review ? { comment: comments[d.code] ?? '', onComment: (text) => setComments((c) => ({ ...c, [d.code]: text })) } : null}
                        conflicts={conflicts.filter((c) => c.code === d.code)}
                        errors={draft.errors}
                        canEdit={canEdit}
                        onChange={(field, value) => draft.setField(d.code, field, value)}
                      />
                    ))}
                </div>
              </fieldset>
            ))}

            {canEdit ? (
              <div className="flex flex-wrap items-center gap-3">
                {/* Not while a draft save is in flight: both would name the same revision. */}
                <Button type="submit" loading={draft.submitting} disabled={draft.saving}>
                  {t('submit')}
                </Button>
                <Button type="button" variant="outline" onClick={draft.saveNow} disabled={!dirty} loading={draft.saving}>
                  {t('saveNow')}
                </Button>
                <span className="text-sm text-muted-foreground">{t('submitHint')}</span>
              </div>
            ) : null}
          </form>

          <ReviewActions
            data={data}
            revision={draft.revision}
            comments={comments}
            onDone={async () => {
              setComments({});
              await draft.refresh();
            }}
          />

          <Timeline entries={data.timeline} indicators={defs} />
        </div>
      </div>
    </ListEditorLayout>
  );
}
