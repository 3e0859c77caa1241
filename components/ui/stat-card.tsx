import type { ReactNode } from 'react';
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { cn } from '@/lib/cn';

export interface StatTrend {
  /** Which way the number moved. */
  direction: 'up' | 'down' | 'flat';
  /** Visible text, e.g. "+2.4 vs 2025Q2" (from the catalog). */
  label: string;
  /**
   * Whether the move is good or bad; separate from direction because for
   * lower-is-better indicators (relapse cases) "down" is good. Defaults to neutral.
   */
  tone?: 'positive' | 'negative' | 'neutral';
}

export interface StatCardProps {
  label: ReactNode;
  value: ReactNode;
  hint?: ReactNode;
  trend?: StatTrend;
  icon?: ReactNode;
  className?: string;
}

const trendIcons = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight } as const;
const trendTones = {
  positive: 'text-success-foreground bg-success-subtle',
  negative: 'text-danger-foreground bg-danger-subtle',
  neutral: 'text-muted-foreground bg-muted',
} as const;

/** A headline figure. Rendered as a description list so label and value are read together. */
export function StatCard({ label, value, hint, trend, icon, className }: StatCardProps) {
  const TrendIcon = trend ? trendIcons[trend.direction] : null;
  return (
    <div
      data-card=""
      className={cn('flex min-w-0 items-start justify-between gap-2 rounded-lg border bg-surface p-4 shadow-card sm:p-5', className)}
    >
      {/* The list holds only its <dt>/<dd> items (no wrapper, no icon): anything else inside a <dl>
          breaks how screen readers pair a term with its values. */}
      <dl className="grid min-w-0 flex-1 gap-1">
        <dt className="text-sm font-medium text-muted-foreground">{label}</dt>
        <dd className="text-2xl font-semibold tracking-tight text-foreground tabular-nums sm:text-3xl">
          {value}
        </dd>
        {trend && TrendIcon ? (
          <dd>
            <span
              className={cn(
                'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium tabular-nums',
                trendTones[trend.tone ?? 'neutral'],
              )}
            >
              <TrendIcon aria-hidden="true" className="size-3.5" />
              {trend.label}
            </span>
          </dd>
        ) : null}
        {hint ? <dd className="text-sm text-muted-foreground">{hint}</dd> : null}
      </dl>
      {icon ? (
        <span aria-hidden="true" className="shrink-0 text-muted-foreground [&_svg]:size-5">
          {icon}
        </span>
      ) : null}
    </div>
  );
}
