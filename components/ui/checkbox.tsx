'use client';

import type { ComponentProps } from 'react';
import { Checkbox as CheckboxPrimitive } from 'radix-ui';
import { Check, Minus } from 'lucide-react';
import { cn } from '@/lib/cn';
import { useFormFieldControlProps } from './form-field';

export type CheckboxProps = ComponentProps<typeof CheckboxPrimitive.Root>;

/** Radix checkbox (supports `checked="indeterminate"`); place inside FormField layout="inline". */
export function Checkbox({ className, ...props }: CheckboxProps) {
  const wired = useFormFieldControlProps(props);
  return (
    <CheckboxPrimitive.Root
      className={cn(
        'group/checkbox peer relative grid size-5 shrink-0 cursor-pointer place-items-center rounded-sm border-2 border-input bg-surface',
        // A 44px invisible hit area around the 20px box for touch (WCAG 2.5.8).
        'after:absolute after:-inset-3 after:content-[""]',
        'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
        'data-[state=checked]:border-primary data-[state=checked]:bg-primary data-[state=checked]:text-primary-foreground',
        'data-[state=indeterminate]:border-primary data-[state=indeterminate]:bg-primary data-[state=indeterminate]:text-primary-foreground',
        'disabled:cursor-not-allowed disabled:opacity-55 aria-invalid:border-danger',
        className,
      )}
      {...wired}
    >
      <CheckboxPrimitive.Indicator className="grid place-items-center">
        {/* Chosen by data-state so uncontrolled (defaultChecked) indeterminate boxes show a dash too. */}
        <Check
          aria-hidden="true"
          className="size-3.5 group-data-[state=indeterminate]/checkbox:hidden"
          strokeWidth={3}
        />
        <Minus
          aria-hidden="true"
          className="hidden size-3.5 group-data-[state=indeterminate]/checkbox:block"
          strokeWidth={3}
        />
      </CheckboxPrimitive.Indicator>
    </CheckboxPrimitive.Root>
  );
}
