import type { ReactNode } from 'react';
import { cn } from '@/lib/cn';

export interface PageHeaderProps {
  /** The page's h1. */
  title: ReactNode;
  description?: ReactNode;
  /** Buttons/links on the right (wrap below the title on phones; hidden when printing). */
  actions?: ReactNode;
  /** Breadcrumb nav or a back link shown above the title. */
  breadcrumb?: ReactNode;
  /** Small status line next to the title, e.g. a period Badge. */
  meta?: ReactNode;
  className?: string;
}

export function PageHeader({ title, description, actions, breadcrumb, meta, className }: PageHeaderProps) {
  return (
    <header className={cn('mb-6 grid gap-2', className)}>
      {breadcrumb ? <div className="text-sm text-muted-foreground">{breadcrumb}</div> : null}
      <div className="flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
        <div className="grid min-w-0 flex-1 basis-64 gap-1">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <h1 className="min-w-0 break-words">{title}</h1>
            {meta}
          </div>
          {description ? (
            <p className="max-w-prose text-sm text-muted-foreground sm:text-base">{description}</p>
          ) : null}
        </div>
        {actions ? <HeaderActions>{actions}</HeaderActions> : null}
      </div>
    </header>
  );
}

/** Buttons and links beside a heading (a page's or a chart's): they wrap, and are not printed. */
export function HeaderActions({ children }: { children: ReactNode }) {
  return (
    <div data-print="hide" className="flex flex-wrap items-center gap-2">
      {children}
    </div>
  );
}
