import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

/**
 * Placeholder block while data loads. Hidden from assistive tech: announce loading once with
 * a Spinner label or aria-busy on the region instead of per block.
 */
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      aria-hidden="true"
      className={cn('rounded-md bg-slate-200 motion-safe:animate-pulse', className)}
      {...props}
    />
  );
}
