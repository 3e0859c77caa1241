import type { ReactNode } from 'react';
import { ChevronRight } from 'lucide-react';
import { cn } from '@/lib/cn';
import { HeaderActions } from '@/components/ui/page-header';

export interface ChartWithTableProps {
  /** Heading above the chart. */
  title?: ReactNode;
  titleAs?: 'h2' | 'h3' | 'h4';
  description?: ReactNode;
  /** Controls next to the title (period picker, export). */
  actions?: ReactNode;
  /** Usually an <EChart/>. */
  chart: ReactNode;
  /** Text of the disclosure that reveals the table, e.g. t('charts.showTable'). */
  tableToggleLabel: string;
  /** The accessible data table with the same numbers as the chart. */
  children: ReactNode;
  /** Start with the table revealed. */
  defaultTableOpen?: boolean;
  className?: string;
}

/**
 * A chart plus its data table behind a native <details> disclosure: keyboard operable and
 * announced as expanded/collapsed without any script, so it also works from server components.
 */
export function ChartWithTable({
  title,
  titleAs: Title = 'h3',
  description,
  actions,
  chart,
  tableToggleLabel,
  children,
  defaultTableOpen = false,
  className,
}: ChartWithTableProps) {
  return (
    <div className={cn('grid min-w-0 gap-3', className)}>
      {title || description || actions ? (
        <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
          <div className="grid min-w-0 flex-1 basis-56 gap-0.5">
            {title ? <Title className="text-base font-semibold">{title}</Title> : null}
            {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
          </div>
          {actions ? <HeaderActions>{actions}</HeaderActions> : null}
        </div>
      ) : null}
      {chart}
      <details className="group/details min-w-0" open={defaultTableOpen || undefined}>
        <summary
          className={cn(
            // No toggle on paper: print views open the table (defaultTableOpen).
            'inline-flex min-h-9 cursor-pointer list-none items-center gap-1.5 rounded-md px-1 text-sm font-medium text-primary print:hidden',
            'hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
            '[&::-webkit-details-marker]:hidden',
          )}
        >
          <ChevronRight
            aria-hidden="true"
            className="size-4 transition-transform group-open/details:rotate-90 rtl:rotate-180 rtl:group-open/details:rotate-90"
          />
          {tableToggleLabel}
        </summary>
        <div className="mt-2 min-w-0">{children}</div>
      </details>
    </div>
  );
}
