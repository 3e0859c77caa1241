/*
 * Class-name builders shared by client and server components. Kept out of the 'use client'
 * modules so server components (Pagination, pages styling a <Link>) can call them.
 */
import { cn } from '@/lib/cn';

export type ButtonVariant = 'primary' | 'secondary' | 'outline' | 'ghost' | 'destructive' | 'link';
export type ButtonSize = 'sm' | 'md' | 'lg' | 'icon' | 'icon-sm';

const base =
  'inline-flex shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md font-medium ' +
  'transition-colors select-none cursor-pointer ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring ' +
  'disabled:pointer-events-none disabled:opacity-55 aria-disabled:pointer-events-none aria-disabled:opacity-55 ' +
  '[&_svg]:pointer-events-none [&_svg]:shrink-0';

const variants: Record<ButtonVariant, string> = {
  primary: 'bg-primary text-primary-foreground hover:bg-primary-hover shadow-sm',
  secondary: 'bg-secondary text-secondary-foreground hover:bg-secondary-hover',
  outline: 'border border-input bg-surface text-foreground hover:bg-accent',
  ghost: 'text-foreground hover:bg-accent',
  destructive: 'bg-danger text-white hover:bg-danger-hover shadow-sm',
  link: 'text-primary underline-offset-4 hover:underline px-0 h-auto',
};

/* Heights keep touch targets at least 36px (44px on lg), per WCAG 2.5.8. */
const sizes: Record<ButtonSize, string> = {
  sm: 'h-9 px-3 text-sm [&_svg]:size-4',
  md: 'h-10 px-4 text-sm [&_svg]:size-4',
  lg: 'h-11 px-6 text-base [&_svg]:size-5',
  icon: 'size-10 [&_svg]:size-5',
  'icon-sm': 'size-9 [&_svg]:size-4',
};

export function buttonClassName({
  variant = 'primary',
  size = 'md',
  className,
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return cn(base, variants[variant], variant === 'link' ? 'h-auto px-0' : sizes[size], className);
}

/** Shared look of text-like controls (Input, Textarea, NativeSelect). */
export const controlClassName =
  'w-full min-w-0 rounded-md border border-input bg-surface px-3 text-base text-foreground sm:text-sm ' +
  'placeholder:text-muted-foreground/80 transition-colors ' +
  'focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring focus-visible:border-ring ' +
  'disabled:cursor-not-allowed disabled:bg-muted disabled:opacity-70 ' +
  '[&[readonly]]:bg-muted ' +
  'aria-invalid:border-danger aria-invalid:focus-visible:outline-danger';

