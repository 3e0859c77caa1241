'use client';

import { useId, type ReactNode } from 'react';
import { Progress as ProgressPrimitive } from 'radix-ui';
import { cn } from '@/lib/cn';

export interface ProgressProps {
  /** Current value; null means indeterminate. */
  value: number | null;
  max?: number;
  /** Visible label, also the accessible name of the bar. */
  label: ReactNode;
  /** Visible and announced value text (e.g. "12 / 40" or "30%"); defaults to a rounded percentage. */
  valueLabel?: string;
  /** Keep the label for screen readers only. */
  hideLabel?: boolean;
  tone?: 'primary' | 'success' | 'warning' | 'danger';
  size?: 'sm' | 'md';
  className?: string;
}

const toneClasses = {
  primary: 'bg-primary',
  success: 'bg-success',
  warning: 'bg-warning',
  danger: 'bg-danger',
} as const;

export function Progress({
  value,
  max = 100,
  label,
  valueLabel,
  hideLabel = false,
  tone = 'primary',
  size = 'md',
  className,
}: ProgressProps) {
  const labelId = useId();
  const clamped = value === null ? null : Math.min(Math.max(value, 0), max);
  const percent = clamped === null || max <= 0 ? 0 : (clamped / max) * 100;
  const shownValue = clamped === null ? undefined : (valueLabel ?? `${Math.round(percent)}%`);

  return (
    <div className={cn('grid gap-1.5', className)}>
      <div className={cn('flex items-baseline justify-between gap-3 text-sm', hideLabel && 'sr-only')}>
        <span id={labelId} className="font-medium text-foreground">
          {label}
        </span>
        {shownValue ? (
          <span aria-hidden="true" className="tabular-nums text-muted-foreground">
            {shownValue}
          </span>
        ) : null}
      </div>
      <ProgressPrimitive.Root
        aria-labelledby={labelId}
        value={clamped}
        max={max}
        getValueLabel={() => shownValue ?? ''}
        className={cn(
          'relative w-full overflow-hidden rounded-full bg-slate-200',
          size === 'sm' ? 'h-1.5' : 'h-2.5',
        )}
      >
        <ProgressPrimitive.Indicator
          className={cn(
            'h-full w-full origin-left transition-transform duration-300',
            toneClasses[tone],
            clamped === null && 'w-1/3 motion-safe:animate-pulse',
          )}
          style={clamped === null ? undefined : { transform: `translateX(-${100 - percent}%)` }}
        />
      </ProgressPrimitive.Root>
    </div>
  );
}
