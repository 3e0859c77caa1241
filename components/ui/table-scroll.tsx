'use client';
// The frame a table scrolls in. A table wider than its frame hides columns off to the side, and
// nothing on the screen says so: while it overflows, this shows a shadow on each side that has
// more and a line saying the table scrolls, which also describes the scroll region to screen readers.
import { useTranslations } from 'next-intl';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { MoveHorizontal } from 'lucide-react';
import { cn } from '@/lib/cn';

type Overflow = { start: boolean; end: boolean };

export function TableScroll({
  label,
  dense,
  stickyActions,
  className,
  children,
}: {
  /** Accessible name of the scroll region; without one it is focusable but not a landmark. */
  label?: string;
  dense?: boolean;
  /** The last column stays in view (row actions): the end shadow is drawn on it instead of the frame. */
  stickyActions?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const t = useTranslations('adminTools.table');
  const ref = useRef<HTMLDivElement>(null);
  const hintId = useId();
  const [overflow, setOverflow] = useState<Overflow>({ start: false, end: false });

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const room = el.scrollWidth - el.clientWidth;
      // scrollLeft is negative in right-to-left layouts: its size is the distance from the start.
      const at = Math.abs(el.scrollLeft);
      const next = { start: room > 1 && at > 1, end: room > 1 && at < room - 1 };
      setOverflow((o) => (o.start === next.start && o.end === next.end ? o : next));
    };
    measure();
    const resize = new ResizeObserver(measure);
    resize.observe(el);
    if (el.firstElementChild) resize.observe(el.firstElementChild);
    el.addEventListener('scroll', measure, { passive: true });
    return () => {
      resize.disconnect();
      el.removeEventListener('scroll', measure);
    };
  }, []);

  const wide = overflow.start || overflow.end;
  return (
    <div className="grid w-full min-w-0 gap-1">
      <div className="relative min-w-0">
        <div
          ref={ref}
          data-table-scroll=""
          data-dense={dense ? '' : undefined}
          data-overflow-start={overflow.start ? '' : undefined}
          data-overflow-end={overflow.end ? '' : undefined}
          // Scrollable content must be reachable by keyboard (WCAG 2.1.1); focus lets arrow keys scroll it.
          tabIndex={0}
          role={label ? 'region' : undefined}
          aria-label={label}
          aria-describedby={wide ? hintId : undefined}
          className={cn(
            'group/table relative w-full min-w-0 overflow-x-auto rounded-lg border bg-surface',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
            className,
          )}
        >
          {children}
        </div>
        <div
          aria-hidden="true"
          className={cn(
            'pointer-events-none absolute inset-y-px start-px w-5 rounded-s-lg bg-linear-to-r from-foreground/15 to-transparent transition-opacity rtl:bg-linear-to-l',
            overflow.start ? 'opacity-100' : 'opacity-0',
          )}
        />
        {stickyActions ? null : (
          <div
            aria-hidden="true"
            className={cn(
              'pointer-events-none absolute inset-y-px end-px w-5 rounded-e-lg bg-linear-to-l from-foreground/15 to-transparent transition-opacity rtl:bg-linear-to-r',
              overflow.end ? 'opacity-100' : 'opacity-0',
            )}
          />
        )}
      </div>
      {wide ? (
        <p id={hintId} data-testid="table-scroll-hint" className="flex items-center gap-1 text-xs text-muted-foreground print:hidden">
          <MoveHorizontal aria-hidden="true" className="size-3.5 shrink-0" />
          {t('scrollHint')}
        </p>
      ) : null}
    </div>
  );
}
