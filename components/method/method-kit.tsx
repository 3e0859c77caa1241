'use client';
// What the tabs of a KPI-set version share: its data types, the period picker, the number input
// and the weight shares (kept apart from the tabs so no tab imports another).
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/trpc/root';
import { formatNumber } from '@/core/i18n/format';
import type { Locale } from '@/i18n/config';
import { Input } from '@/components/ui/input';

export type VersionData = inferRouterOutputs<AppRouter>['kpiSets']['version'];
export type PeriodRow = inferRouterOutputs<AppRouter>['periods']['list'][number];

/** A weight's share as a percentage with one decimal (25.0%). */
export function percent(share: number | null, locale: Locale): string {
  return formatNumber(share, locale, { percent: true, digits: 1, fixed: true });
}

/** Share of each weight in the sum of the valid (positive, finite) ones. */
export function shares(weights: number[]): number[] {
  const valid = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const total = valid.reduce((a, b) => a + b, 0);
  return valid.map((w) => (total > 0 ? w / total : NaN));
}

/** A number input that lets people type freely ("0.", "-") and reports NaN until it parses. */
export function NumberInput({ value, onValueChange, ...props }: { value: number | undefined; onValueChange: (v: number) => void } & Omit<React.ComponentProps<typeof Input>, 'value' | 'onChange'>) {
  const show = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? '' : String(v));
  const [text, setText] = useState(show(value));
  const [seen, setSeen] = useState(value);
  // Only a change of the value from outside (not the one typed here) re-formats the text;
  // adjusting state while rendering avoids an extra effect pass.
  if (!Object.is(seen, value)) {
    setSeen(value);
    const parsed = text.trim() === '' ? NaN : Number(text);
    if (!Object.is(parsed, value) && !(Number.isNaN(parsed) && (value === undefined || Number.isNaN(value)))) setText(show(value));
  }
  return (
    <Input
      inputMode="decimal"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onValueChange(e.target.value.trim() === '' ? NaN : Number(e.target.value));
      }}
      {...props}
    />
  );
}

/** A period picker shared by the tuning, impact and sensitivity tabs. */
export function PeriodSelect({ periods, value, onChange, label }: { periods: PeriodRow[]; value: number | null; onChange: (id: number) => void; label: string }) {
  const tc = useTranslations('common');
  return (
    <label className="grid gap-1 text-sm font-medium">
      {label}
      <select
        className="h-10 rounded-md border bg-surface px-3 text-sm"
        value={value ?? ''}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {periods.map((p) => (
          <option key={p.id} value={p.id}>
            {p.code} · {tc(`periodStatus.${p.status}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
