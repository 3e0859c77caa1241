'use client';
// Filing an appeal: pick the values to contest; for each, the published value is shown beside the
// claimed one, a reason and evidence (a link and/or files, each uploaded at once with its own
// progress and error, so a refused file is said before the appeal is sent). The server checks the
// values again and answers field by field.
import { useRouter } from 'next/navigation';
import { useLocale, useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { inferRouterOutputs } from '@trpc/server';
import { FileUp, X } from 'lucide-react';
import type { AppRouter } from '@/server/trpc/root';
import type { Locale } from '@/i18n/config';
import { useTRPC } from '@/lib/trpc/client';
import { fieldErrorsOf } from '@/lib/trpc/errors';
import { uploadWithProgress } from '@/lib/upload';
import { APPEAL_FILE_MAX_BYTES } from '@/core/domain/appeals';
import { parseValueText, valueProblem } from '@/core/domain/value-checks';
import { vmsg } from '@/core/domain/messages';
import { translateKeyed } from '@/components/evaluations/messages';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Progress } from '@/components/ui/progress';
import { Textarea } from '@/components/ui/textarea';

type FormData_ = inferRouterOutputs<AppRouter>['appeals']['form'];
type Indicator = FormData_['indicators'][number];
type StoredFile = { sha256: string; fileName: string; contentType: string; size: number; receipt: string };
type Upload = { key: string; name: string; percent: number; stored: StoredFile | null; error: string | null };
type Entry = { claimed: string; reason: string; link: string; uploads: Upload[] };

const MB = APPEAL_FILE_MAX_BYTES / 1024 / 1024;
const empty = (): Entry => ({ claimed: '', reason: '', link: '', uploads: [] });

export function AppealForm({ form }: { form: FormData_ }) {
  const t = useTranslations('appeals');
  const tAll = useTranslations();
  const locale = useLocale() as Locale;
  const router = useRouter();
  const trpc = useTRPC();
  const file = useMutation(trpc.appeals.file.mutationOptions());
  const baseId = useId();
  const [entries, setEntries] = useState<Record<number, Entry>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const chosen = form.indicators.filter((i) => entries[i.id]);
  const uploading = chosen.some((i) => entries[i.id]!.uploads.some((u) => !u.stored && !u.error));
  const say = (message: string | undefined) => translateKeyed(tAll, message, locale);

  const patch = (id: number, change: (e: Entry) => Entry) => setEntries((all) => (all[id] ? { ...all, [id]: change(all[id]) } : all));
  const toggle = (id: number, on: boolean) =>
    setEntries((all) => {
      const next = { ...all };
      if (on) next[id] = empty();
      else delete next[id];
      return next;
    });

  const upload = async (indicatorId: number, picked: File) => {
    const key = `${picked.name}-${Date.now()}-${Math.random()}`;
    const setUpload = (change: Partial<Upload>) => patch(indicatorId, (e) => ({ ...e, uploads: e.uploads.map((u) => (u.key === key ? { ...u, ...change } : u)) }));
    patch(indicatorId, (e) => ({ ...e, uploads: [...e.uploads, { key, name: picked.name, percent: 0, stored: null, error: null }] }));
    // Said at once rather than after sending 10 MB for the server to refuse.
    if (picked.size > APPEAL_FILE_MAX_BYTES) return setUpload({ error: t('form.fileTooLarge', { mb: MB }) });
    const body = new FormData();
    body.set('file', picked);
    try {
      const res = await uploadWithProgress<StoredFile & { error?: { message: string } }>(
        '/api/appeals/files',
        body,
        (percent) => setUpload({ percent }),
        () => setUpload({ percent: 100 }),
      );
      if (res.status === 200) setUpload({ stored: res.body, percent: 100 });
      else setUpload({ error: res.body.error?.message ?? t('form.uploadFailed') });
    } catch {
      setUpload({ error: tAll('errors.network') });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    if (chosen.length === 0) return setFormError(t('form.noneChosen'));
    // The values are checked here as the server checks them, so every field says its problem at once
    // (the server answers a schema problem before looking at ranges).
    const local: Record<string, string> = {};
    chosen.forEach((i, index) => {
      const value = parseValueText(entries[i.id]!.claimed);
      const problem = value === null ? vmsg('validation.required') : valueProblem({ ...i, id: i.id, objectiveCode: '', nameEn: i.name.en, nameZh: i.name['zh-CN'], direction: 'higher', evidenceRequired: false, redFlagAbove: null, peerDependent: false }, value);
      if (problem) local[`items.${index}.claimedValue`] = problem;
    });
    try {
      const appeal = await file.mutateAsync({
        stakeholderId: form.stakeholder.id,
        periodId: form.period.id,
        items: chosen.map((i) => {
          const e = entries[i.id]!;
          const value = parseValueText(e.claimed);
          return {
            indicatorId: i.id,
            claimedValue: value === null ? Number.NaN : value,
            reason: e.reason,
            evidenceUrl: e.link.trim() || null,
            files: e.uploads.flatMap((u) => (u.stored ? [{ sha256: u.stored.sha256, fileName: u.stored.fileName, receipt: u.stored.receipt }] : [])),
          };
        }),
      });
      router.push(`/appeals/${appeal.id}`);
    } catch (err) {
      setErrors({ ...fieldErrorsOf(err), ...local });
      setFormError(err instanceof Error ? err.message : String(err));
    }
  };

  const fieldError = (index: number, name: string) => say(errors[`items.${index}.${name}`]);

  return (
    <form onSubmit={submit} noValidate className="grid gap-6">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium">{t('form.chooseLegend')}</legend>
        {form.indicators.map((i) => (
          <label key={i.id} className="flex min-h-11 items-center gap-3 rounded-md border border-border px-3 py-2">
            <Checkbox checked={Boolean(entries[i.id])} onCheckedChange={(v) => toggle(i.id, v === true)} aria-describedby={`${baseId}-pub-${i.id}`} />
            <span className="flex-1">
              {i.name[locale]} <span className="text-xs text-muted-foreground">({i.code})</span>
            </span>
            <span id={`${baseId}-pub-${i.id}`} className="text-sm text-muted-foreground tabular-nums">
              {t('form.published', { value: shown(i.publishedValue, locale) })}
            </span>
          </label>
        ))}
      </fieldset>

      {chosen.map((i, index) => {
        const e = entries[i.id]!;
        const id = `${baseId}-${i.id}`;
        return (
          <fieldset key={i.id} className="grid gap-4 rounded-lg border border-border p-4">
            <legend className="px-1 font-medium">{i.name[locale]}</legend>
            <p className="text-sm text-muted-foreground">
              {t('form.publishedValue')}: <span className="font-medium text-foreground tabular-nums">{shown(i.publishedValue, locale)}</span>
              {i.min !== null || i.max !== null ? <> · {t('form.range', { min: i.min ?? '−∞', max: i.max ?? '∞' })}</> : null}
            </p>
            <FormField id={`${id}-claimed`} label={t('form.claimed')} required error={fieldError(index, 'claimedValue') ?? fieldError(index, 'indicatorId')}>
              <Input inputMode="decimal" value={e.claimed} onChange={(ev) => patch(i.id, (x) => ({ ...x, claimed: ev.target.value }))} />
            </FormField>
            <FormField id={`${id}-reason`} label={t('form.reason')} required error={fieldError(index, 'reason')}>
              <Textarea rows={3} value={e.reason} onChange={(ev) => patch(i.id, (x) => ({ ...x, reason: ev.target.value }))} />
            </FormField>
            <FormField id={`${id}-link`} label={t('form.link')} description={t('form.evidenceHint')} error={fieldError(index, 'evidenceUrl')}>
              <Input type="url" inputMode="url" placeholder="https://" value={e.link} onChange={(ev) => patch(i.id, (x) => ({ ...x, link: ev.target.value }))} />
            </FormField>
            <div className="grid gap-2">
              <label htmlFor={`${id}-files`} className="inline-flex w-fit cursor-pointer items-center gap-2 rounded-md border border-border px-3 py-2 text-sm font-medium focus-within:ring-2 focus-within:ring-ring">
                <FileUp aria-hidden="true" className="size-4" />
                {t('form.addFile', { mb: MB })}
                <input
                  id={`${id}-files`}
                  type="file"
                  accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                  multiple
                  className="sr-only"
                  onChange={(ev) => {
                    for (const f of Array.from(ev.target.files ?? [])) void upload(i.id, f);
                    ev.target.value = '';
                  }}
                />
              </label>
              {fieldError(index, 'files.0') ? <p className="text-sm text-danger">{fieldError(index, 'files.0')}</p> : null}
              <ul className="grid gap-2" aria-live="polite">
                {e.uploads.map((u) => (
                  <li key={u.key} className="grid gap-1 rounded-md bg-muted px-3 py-2 text-sm" data-upload-state={u.error ? 'error' : u.stored ? 'done' : 'uploading'}>
                    <div className="flex items-center gap-2">
                      <span className="flex-1 break-all">{u.name}</span>
                      <Button
                        type="button"
                        variant="ghost"
                        size="icon-sm"
                        aria-label={t('form.removeFile', { name: u.name })}
                        onClick={() => patch(i.id, (x) => ({ ...x, uploads: x.uploads.filter((y) => y.key !== u.key) }))}
                      >
                        <X aria-hidden="true" className="size-4" />
                      </Button>
                    </div>
                    {u.error ? (
                      <p role="alert" className="text-danger">
                        {u.error}
                      </p>
                    ) : u.stored ? (
                      <p className="text-success-foreground">{t('form.uploaded')}</p>
                    ) : (
                      <Progress value={u.percent} label={t('form.uploading', { name: u.name })} hideLabel />
                    )}
                  </li>
                ))}
              </ul>
            </div>
          </fieldset>
        );
      })}

      {formError ? (
        <Alert variant="error" title={t('form.failed')}>
          {formError}
        </Alert>
      ) : null}
      <p className="text-sm text-muted-foreground">{t('form.dueHint', { days: form.period.decisionDays })}</p>
      <div>
        <Button type="submit" disabled={file.isPending || uploading}>
          {uploading ? t('form.waitUploads') : t('form.submit')}
        </Button>
      </div>
    </form>
  );
}

function shown(value: number | null, locale: Locale): string {
  return value === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

export type { Indicator as AppealFormIndicator };
