'use client';

import type { ComponentProps } from 'react';
import { ChevronDown } from 'lucide-react';
import { cn } from '@/lib/cn';
import { useFormFieldControlProps } from './form-field';
import { controlClassName } from './styles';

export interface NativeSelectProps extends ComponentProps<'select'> {
  /** Text of an empty first option (value ""), e.g. t('common.choose'). */
  placeholder?: string;
  /** Class for the wrapper (width, margins); `className` styles the <select> itself. */
  wrapperClassName?: string;
}

/** A styled native <select>: best keyboard, mobile and screen-reader support for forms. */
export function NativeSelect({
  className,
  wrapperClassName,
  placeholder,
  children,
  ...props
}: NativeSelectProps) {
  const wired = useFormFieldControlProps(props);
  return (
    <div className={cn('relative w-full min-w-0', wrapperClassName)}>
      <select
        className={cn(controlClassName, 'h-10 cursor-pointer appearance-none pe-9', className)}
        {...wired}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute end-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
      />
    </div>
  );
}
