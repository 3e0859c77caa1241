'use client';

import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { useFormFieldControlProps } from './form-field';
import { controlClassName } from './styles';

export type TextareaProps = ComponentProps<'textarea'>;

export function Textarea({ className, rows = 3, ...props }: TextareaProps) {
  const wired = useFormFieldControlProps(props);
  return (
    <textarea
      rows={rows}
      className={cn(controlClassName, 'min-h-20 py-2 leading-relaxed', className)}
      {...wired}
    />
  );
}
