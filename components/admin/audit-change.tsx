'use client';
// One audit entry's values before and after, field by field: what changed stands out, and a field
// only on one side reads as added or removed. Values that are not records (a list, a number) are
// shown whole on each side.
import { useTranslations } from 'next-intl';
import { cn } from '@/lib/cn';

type Fields = Record<string, unknown>;

const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value as text: strings as they are, anything else as compact JSON. */
function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v) ?? '';
}

function Value({ value, present }: { value: unknown; present: boolean }) {
  const t = useTranslations('adminTools.audit');
  if (!present || value === null) return <span className="text-muted-foreground">{t('nothing')}</span>;
  // People's own words and codes, in whatever language they were written.
  return <span translate="no" className="whitespace-pre-wrap break-all font-mono">{show(value)}</span>;
}

export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations('admin.audit');
  if (before === null && after === null) return <span className="text-muted-foreground">—</span>;
  const records = (before === null || isRecord(before)) && (after === null || isRecord(after));
  return (
    <details className="group">
      <summary className="cursor-pointer text-primary">{t('showChange')}</summary>
      {records ? (
        <FieldTable before={(before ?? {}) as Fields} after={(after ?? {}) as Fields} hasBefore={before !== null} hasAfter={after !== null} />
      ) : (
        <dl className="mt-2 grid max-w-md gap-1 text-xs">
          {(['before', 'after'] as const).map((side) => (
            <div key={side}>
              <dt className="font-medium">{t(side)}</dt>
              <dd className="rounded bg-muted p-2">
                <Value value={side === 'before' ? before : after} present />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </details>
  );
}

function FieldTable({ before, after, hasBefore, hasAfter }: { before: Fields; after: Fields; hasBefore: boolean; hasAfter: boolean }) {
  const t = useTranslations('admin.audit');
  const ta = useTranslations('adminTools.audit');
  // The fields of the new state first, in their order, then those that are gone.
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return (
    <table className="mt-2 w-full max-w-lg border-collapse text-xs">
      <thead>
        <tr className="border-b text-start text-muted-foreground">
          <th scope="col" className="py-1 pe-2 text-start font-medium">{ta('field')}</th>
          {hasBefore ? <th scope="col" className="py-1 pe-2 text-start font-medium">{t('before')}</th> : null}
          {hasAfter ? <th scope="col" className="py-1 text-start font-medium">{t('after')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => {
          const inBefore = Object.hasOwn(before, k);
          const inAfter = Object.hasOwn(after, k);
          const changed = hasBefore && hasAfter && show(before[k]) !== show(after[k]);
          const state = hasBefore && hasAfter ? (!inBefore ? 'added' : !inAfter ? 'removed' : changed ? 'changed' : null) : null;
          return (
            <tr key={k} data-change={state ?? undefined} className={cn('border-b align-top last:border-b-0', state && 'bg-warning-subtle')}>
              <th scope="row" className="py-1 pe-2 text-start font-mono font-normal">
                {k}
                {state ? <span className="ms-1 font-sans text-warning-foreground">({ta(state)})</span> : null}
              </th>
              {hasBefore ? <td className="py-1 pe-2"><Value value={before[k]} present={inBefore} /></td> : null}
              {hasAfter ? <td className="py-1"><Value value={after[k]} present={inAfter} /></td> : null}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
