import type { ComponentProps, ReactNode } from 'react';
import Link from 'next/link';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { cn } from '@/lib/cn';
import { TableScroll } from './table-scroll';

export interface TableProps extends ComponentProps<'table'> {
  /**
   * Accessible name of the horizontal scroll region on phones (e.g. the table's title). When given,
   * the wrapper becomes a labelled region; it is keyboard-focusable either way so it can be scrolled.
   */
  scrollLabel?: string;
  /** Class for the scrolling wrapper. */
  wrapperClassName?: string;
  /** Tighter rows for dense data (evaluation value grids). */
  dense?: boolean;
  /**
   * Keep the last column (the row's actions) in view while the rest scrolls sideways, so Close,
   * Publish or Retire never end up off-screen beside a side panel.
   */
  stickyActions?: boolean;
}

// The last cell of every row, pinned to the frame's end on an opaque background (rows scroll under
// it); its shadow shows only while columns are hidden beneath it.
const STICKY_LAST = cn(
  '[&_tr>:last-child]:sticky [&_tr>:last-child]:end-0 [&_tr>:last-child]:z-[1]',
  '[&_tbody_tr>:last-child]:bg-surface [&_tbody_tr[data-selected]>:last-child]:bg-primary-subtle [&_thead_tr>:last-child]:bg-muted',
  'group-data-[overflow-end]/table:[&_tr>:last-child]:shadow-[-8px_0_8px_-6px_rgb(15_23_42/0.3)]',
  'rtl:group-data-[overflow-end]/table:[&_tr>:last-child]:shadow-[8px_0_8px_-6px_rgb(15_23_42/0.3)]',
);

/**
 * A table inside a frame that scrolls horizontally when the screen is narrower than the table,
 * and says so while it does (TableScroll).
 */
export function Table({ scrollLabel, wrapperClassName, dense = false, stickyActions = false, className, ...props }: TableProps) {
  return (
    <TableScroll label={scrollLabel} dense={dense} stickyActions={stickyActions} className={wrapperClassName}>
      <table className={cn('w-full caption-bottom border-collapse text-sm', stickyActions && STICKY_LAST, className)} {...props} />
    </TableScroll>
  );
}

/** The table's caption; pass className="sr-only" when a visible heading already names it. */
export function TableCaption({ className, ...props }: ComponentProps<'caption'>) {
  return (
    <caption className={cn('px-4 py-3 text-start text-sm text-muted-foreground', className)} {...props} />
  );
}

export function THead({ className, ...props }: ComponentProps<'thead'>) {
  return <thead className={cn('border-b bg-muted/70', className)} {...props} />;
}

export function TBody({ className, ...props }: ComponentProps<'tbody'>) {
  return <tbody className={cn('[&>tr:last-child]:border-b-0', className)} {...props} />;
}

export interface TRProps extends ComponentProps<'tr'> {
  /** Highlight as selected (also set aria-selected on a grid, if the row is selectable). */
  selected?: boolean;
}

export function TR({ className, selected = false, ...props }: TRProps) {
  return (
    <tr
      data-selected={selected ? '' : undefined}
      className={cn(
        'border-b transition-colors hover:bg-muted/50 data-[selected]:bg-primary-subtle',
        className,
      )}
      {...props}
    />
  );
}

export type SortDirection = 'ascending' | 'descending' | 'none';

export interface THProps extends Omit<ComponentProps<'th'>, 'children'> {
  children?: ReactNode;
  /** Right-align for numbers. */
  numeric?: boolean;
  /**
   * Current sort state of this column. Setting it (with onSort or sortHref) makes the header a
   * sort control and sets aria-sort; 'none' means sortable but not sorted now.
   */
  sort?: SortDirection;
  /** Called when the header is activated (client components). */
  onSort?: () => void;
  /** Link that sorts by this column (server components: e.g. `?sort=composite&dir=desc`). */
  sortHref?: string;
}

const sortIcons = { ascending: ArrowUp, descending: ArrowDown, none: ArrowUpDown } as const;

export function TH({
  className,
  numeric = false,
  sort,
  onSort,
  sortHref,
  children,
  scope = 'col',
  ...props
}: THProps) {
  const sortable = sort !== undefined && (onSort !== undefined || sortHref !== undefined);
  const SortIcon = sortIcons[sort ?? 'none'];
  const controlClass = cn(
    'group/sort -mx-1.5 inline-flex cursor-pointer items-center gap-1 rounded-sm px-1.5 py-0.5 text-inherit no-underline',
    'hover:bg-secondary hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring',
    numeric && 'flex-row-reverse',
  );
  const icon = (
    <SortIcon
      aria-hidden="true"
      className={cn(
        'size-3.5 shrink-0',
        sort === 'none' ? 'opacity-40 group-hover/sort:opacity-80' : 'text-primary',
      )}
    />
  );

  return (
    <th
      scope={scope}
      aria-sort={sortable && sort !== 'none' ? sort : undefined}
      className={cn(
        'h-10 px-3 text-start align-middle text-sm font-semibold whitespace-nowrap text-muted-foreground sm:px-4',
        'group-data-[dense]/table:h-8 group-data-[dense]/table:px-2',
        numeric && 'text-end',
        className,
      )}
      {...props}
    >
      {sortable && onSort ? (
        <button type="button" onClick={onSort} className={controlClass}>
          <span>{children}</span>
          {icon}
        </button>
      ) : sortable && sortHref ? (
        <Link prefetch={false} href={sortHref} scroll={false} className={controlClass}>
          <span>{children}</span>
          {icon}
        </Link>
      ) : (
        children
      )}
    </th>
  );
}

export interface TDProps extends ComponentProps<'td'> {
  /** Right-align with tabular digits for numbers. */
  numeric?: boolean;
}

export function TD({ className, numeric = false, ...props }: TDProps) {
  return (
    <td
      className={cn(
        'px-3 py-2.5 align-middle sm:px-4',
        'group-data-[dense]/table:px-2 group-data-[dense]/table:py-1.5',
        numeric && 'text-end tabular-nums whitespace-nowrap',
        className,
      )}
      {...props}
    />
  );
}

export interface NamedTableProps {
  /** Names the scroll region and is the caption, hidden because a visible heading already says it. */
  name: string;
  /** The header cells (THs). */
  head: ReactNode;
  /** Screen-reader name of a last header cell over each row's actions (buttons, links), which stay in view. */
  actions?: string;
  dense?: boolean;
  /** Class for the <table> (e.g. a minimum width). */
  className?: string;
  /** The rows. */
  children: ReactNode;
}

/** A table under a heading: the wrapper, caption, header row and body that every such table repeats. */
export function NamedTable({ name, head, actions, dense, className, children }: NamedTableProps) {
  return (
    <Table dense={dense} scrollLabel={name} className={className} stickyActions={Boolean(actions)}>
      <TableCaption className="sr-only">{name}</TableCaption>
      <THead>
        <tr>
          {head}
          {actions ? (
            <TH>
              <span className="sr-only">{actions}</span>
            </TH>
          ) : null}
        </tr>
      </THead>
      <TBody>{children}</TBody>
    </Table>
  );
}
