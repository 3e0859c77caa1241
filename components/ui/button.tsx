'use client';

import type { ComponentProps } from 'react';
import { Slot } from 'radix-ui';
import { Spinner } from './spinner';
import { buttonClassName, type ButtonSize, type ButtonVariant } from './styles';

export interface ButtonProps extends ComponentProps<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Render the single child (e.g. a next/link `<Link>`) with button styles instead of a <button>. */
  asChild?: boolean;
  /** Shows a spinner, sets aria-busy and disables the button while an action runs. */
  loading?: boolean;
}

export function Button({
  variant = 'primary',
  size = 'md',
  asChild = false,
  loading = false,
  disabled,
  className,
  children,
  type,
  ...props
}: ButtonProps) {
  const classes = buttonClassName({ variant, size, className });
  const spinner = loading ? <Spinner size={size === 'lg' ? 'md' : 'sm'} /> : null;

  if (asChild) {
    // A link cannot be `disabled`; aria-disabled + pointer-events-none stands in for it.
    return (
      <Slot.Root
        className={classes}
        aria-busy={loading || undefined}
        aria-disabled={disabled || loading || undefined}
        {...props}
      >
        {spinner}
        <Slot.Slottable>{children}</Slot.Slottable>
      </Slot.Root>
    );
  }

  return (
    <button
      // Default to "button" so a button inside a form never submits by accident.
      type={type ?? 'button'}
      className={classes}
      disabled={disabled || loading}
      aria-busy={loading || undefined}
      {...props}
    >
      {spinner}
      {children}
    </button>
  );
}
