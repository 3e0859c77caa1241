import type { ReactNode } from 'react';
import { Inbox } from 'lucide-react';
import { cn } from '@/lib/cn';

export interface EmptyStateProps {
  title: ReactNode;
  description?: ReactNode;
  /** An icon element (e.g. `<FileSearch />`); defaults to an inbox, pass `null` for none. */
  icon?: ReactNode;
  /** A Button or link that gets the user going. */
  action?: ReactNode;
  /** Heading level of the title so it fits the page outline. */
  titleAs?: 'h2' | 'h3' | 'h4' | 'p';
  className?: string;
}

export function EmptyState({
  title,
  description,
  icon,
  action,
  titleAs: Title = 'h2',
  className,
}: EmptyStateProps) {
  const shownIcon = icon === undefined ? <Inbox /> : icon;
  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-lg border border-dashed bg-surface px-4 py-10 text-center sm:px-8',
        className,
      )}
    >
      {shownIcon ? (
        <div
          aria-hidden="true"
          className="grid size-12 place-items-center rounded-full bg-muted text-muted-foreground [&_svg]:size-6"
        >
          {shownIcon}
        </div>
      ) : null}
      <div className="grid max-w-md gap-1">
        <Title className="text-base font-semibold text-foreground">{title}</Title>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="mt-2 flex flex-wrap justify-center gap-2">{action}</div> : null}
    </div>
  );
}
