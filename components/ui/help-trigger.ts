// The look of a help popover's "?" trigger, shared by HelpPopover (popover.tsx) and the button that
// stands in for it until Radix has loaded (lazy-help-popover.tsx), so nothing moves at the swap.
import { cn } from '@/lib/cn';

export const helpTriggerClassName = (withText: boolean, className?: string) =>
  cn(
    'inline-flex min-h-6 min-w-6 cursor-pointer items-center justify-center gap-1 rounded-full align-middle text-primary',
    'hover:bg-primary-subtle focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
    withText && 'rounded-md px-1.5 text-sm font-medium',
    className,
  );
