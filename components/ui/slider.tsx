'use client';

import type { ComponentProps } from 'react';
import { Slider as SliderPrimitive } from 'radix-ui';
import { cn } from '@/lib/cn';
import { useFormField } from './form-field';

export interface SliderProps extends ComponentProps<typeof SliderPrimitive.Root> {
  /** Accessible name per thumb (needed for ranges); a single thumb inside FormField uses the field label. */
  thumbLabels?: string[];
  /** Announced value text per thumb value, e.g. formatting 0.25 as "25%". */
  formatValueText?: (value: number) => string;
}

/** Range input (e.g. an indicator weight). Arrow keys step, PageUp/PageDown jump, Home/End go to the ends. */
export function Slider({ className, thumbLabels, formatValueText, ...props }: SliderProps) {
  const field = useFormField();
  const values = props.value ?? props.defaultValue ?? [props.min ?? 0];
  const describedBy = [field?.descriptionId, field?.errorId].filter(Boolean).join(' ') || undefined;

  return (
    <SliderPrimitive.Root
      className={cn(
        'relative flex h-6 w-full touch-none items-center select-none data-[disabled]:opacity-55',
        className,
      )}
      disabled={props.disabled ?? field?.disabled}
      {...props}
    >
      <SliderPrimitive.Track className="relative h-1.5 w-full grow overflow-hidden rounded-full bg-slate-200">
        <SliderPrimitive.Range className="absolute h-full bg-primary" />
      </SliderPrimitive.Track>
      {values.map((value, index) => {
        const label = thumbLabels?.[index];
        return (
          <SliderPrimitive.Thumb
            // Thumbs are positional; their index is their identity.
            key={index}
            id={index === 0 ? field?.controlId : undefined}
            aria-label={label}
            aria-labelledby={label ? undefined : field?.labelId}
            aria-describedby={describedBy}
            aria-invalid={field?.invalid || undefined}
            aria-valuetext={formatValueText ? formatValueText(value) : undefined}
            className={cn(
              'relative block size-5 cursor-grab rounded-full border-2 border-primary bg-surface shadow-sm transition-colors',
              'after:absolute after:-inset-3 after:content-[""]',
              'hover:bg-primary-subtle focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-ring',
              'active:cursor-grabbing data-[disabled]:cursor-not-allowed',
            )}
          />
        );
      })}
    </SliderPrimitive.Root>
  );
}
