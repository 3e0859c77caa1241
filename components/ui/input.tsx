'use client';

import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { useFormFieldControlProps } from './form-field';
import { controlClassName } from './styles';

export type InputProps = ComponentProps<'input'>;

export function Input({ className, type = 'text', ...props }: InputProps) {
  const wired = useFormFieldControlProps(props);
  return (
    <input
      type={type}
      className={cn(
        controlClassName,
        'h-10',
        // Numbers line up in columns of evaluation values.
        type === 'number' && 'tabular-nums',
        'file:me-3 file:border-0 file:bg-transparent file:text-sm file:font-medium',
        className,
      )}
      {...wired}
    />
  );
}
