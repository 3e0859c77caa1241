import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export type BadgeVariant = 'neutral' | 'primary' | 'info' | 'success' | 'warning' | 'danger' | 'outline';

const badgeVariants: Record<BadgeVariant, string> = {
  neutral: 'bg-muted text-foreground border-border',
  primary: 'bg-primary-subtle text-primary border-primary/25',
  info: 'bg-info-subtle text-info-foreground border-info-border',
  success: 'bg-success-subtle text-success-foreground border-success-border',
  warning: 'bg-warning-subtle text-warning-foreground border-warning-border',
  danger: 'bg-danger-subtle text-danger-foreground border-danger-border',
  outline: 'bg-transparent text-foreground border-input',
};

const dotColors: Record<BadgeVariant, string> = {
  neutral: 'bg-muted-foreground',
  primary: 'bg-primary',
  info: 'bg-info',
  success: 'bg-success',
  warning: 'bg-warning',
  danger: 'bg-danger',
  outline: 'bg-foreground',
};

export interface BadgeProps extends ComponentProps<'span'> {
  variant?: BadgeVariant;
  /** A leading status dot. The text still carries the meaning; colour is never the only cue. */
  dot?: boolean;
}

export function Badge({ variant = 'neutral', dot = false, className, children, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        'inline-flex max-w-full items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium whitespace-nowrap',
        '[&_svg]:size-3.5 [&_svg]:shrink-0',
        badgeVariants[variant],
        className,
      )}
      {...props}
    >
      {dot ? <span aria-hidden="true" className={cn('size-1.5 rounded-full', dotColors[variant])} /> : null}
      {children}
    </span>
  );
}
