'use client';
// A small non-modal popover on Radix: the trigger is a real button (Enter or Space opens it),
// focus moves into the panel, Escape or a click outside closes it and focus returns to the
// trigger. HelpPopover is the common case: a "?" button that explains a term.
import { useId, type ComponentProps, type ReactNode } from 'react';
import { Popover as PopoverPrimitive } from 'radix-ui';
import { CircleQuestionMark, X } from 'lucide-react';
import { cn } from '@/lib/cn';
import { helpTriggerClassName } from './help-trigger';

export const Popover = PopoverPrimitive.Root;
export const PopoverTrigger = PopoverPrimitive.Trigger;
export const PopoverClose = PopoverPrimitive.Close;

export function PopoverContent({ className, align = 'start', sideOffset = 6, ...props }: ComponentProps<typeof PopoverPrimitive.Content>) {
  return (
    <PopoverPrimitive.Portal>
      <PopoverPrimitive.Content
        align={align}
        sideOffset={sideOffset}
        collisionPadding={12}
        className={cn(
          'z-50 grid max-h-[var(--radix-popover-content-available-height)] w-[min(24rem,calc(100vw-1.5rem))] gap-2 overflow-y-auto',
          'rounded-lg border bg-surface p-4 text-sm text-foreground shadow-overlay',
          'focus-visible:outline-2 focus-visible:outline-ring motion-safe:data-[state=open]:animate-pop-in',
          className,
        )}
        {...props}
      />
    </PopoverPrimitive.Portal>
  );
}

export interface HelpPopoverProps {
  /** Accessible name of the trigger, e.g. "What are C, T and D?". */
  label: string;
  /** Heading of the panel (also its accessible name). */
  title: string;
  /** Accessible name of the panel's close button. */
  closeLabel: string;
  /** Visible text next to the icon; none = an icon-only button named by `label`. */
  text?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** `defaultOpen`: open at once (lazy-help-popover.tsx mounts it when the reader opens it). */
export function HelpPopover({ label, title, closeLabel, text, children, className, defaultOpen }: HelpPopoverProps & { defaultOpen?: boolean }) {
  const titleId = useId();
  return (
    <Popover defaultOpen={defaultOpen}>
      <PopoverTrigger
        aria-label={text ? undefined : label}
        data-help-popover=""
        data-print="hide"
        className={helpTriggerClassName(Boolean(text), className)}
      >
        <CircleQuestionMark aria-hidden="true" className="size-4 shrink-0" />
        {text ? <span>{text}</span> : null}
      </PopoverTrigger>
      <PopoverContent aria-labelledby={titleId}>
        <div className="flex items-start justify-between gap-3">
          <p id={titleId} className="font-semibold">
            {title}
          </p>
          <PopoverClose
            aria-label={closeLabel}
            className="-me-2 -mt-2 inline-flex size-8 shrink-0 items-center justify-center rounded-md text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            <X aria-hidden="true" className="size-4" />
          </PopoverClose>
        </div>
        {children}
      </PopoverContent>
    </Popover>
  );
}
