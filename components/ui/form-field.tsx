'use client';

import { createContext, useContext, useId, type ReactNode } from 'react';
import { AlertCircle } from 'lucide-react';
import { cn } from '@/lib/cn';
import { Label } from './label';

/** What a control needs to be wired to its field: ids and state. */
export interface FormFieldState {
  controlId: string;
  /** Id of the visible label, for controls that are not labelable elements (aria-labelledby). */
  labelId: string;
  descriptionId: string | undefined;
  errorId: string | undefined;
  invalid: boolean;
  required: boolean;
  disabled: boolean;
}

const FormFieldContext = createContext<FormFieldState | null>(null);

/** The enclosing FormField's ids and state, or null outside a FormField (for custom controls). */
export function useFormField(): FormFieldState | null {
  return useContext(FormFieldContext);
}

interface ControlAriaInput {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false' | 'grammar' | 'spelling';
  required?: boolean;
  disabled?: boolean;
}

/**
 * Merges the field's wiring into a control's own props; explicit props on the control win,
 * and describedby ids are concatenated rather than replaced.
 */
export function useFormFieldControlProps<P extends ControlAriaInput>(props: P): P {
  const field = useFormField();
  if (!field) return props;
  const describedBy = [props['aria-describedby'], field.descriptionId, field.errorId]
    .filter(Boolean)
    .join(' ');
  return {
    ...props,
    id: props.id ?? field.controlId,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': props['aria-invalid'] ?? (field.invalid || undefined),
    required: props.required ?? (field.required || undefined),
    disabled: props.disabled ?? (field.disabled || undefined),
  };
}

export interface FormFieldProps {
  /** Visible label text. */
  label: ReactNode;
  /** The control: Input, Textarea, NativeSelect, Checkbox, Switch, or any control using useFormField(). */
  children: ReactNode;
  /** Hint shown under the label and linked with aria-describedby. */
  description?: ReactNode;
  /** Error message; when set the control gets aria-invalid and the message is linked. */
  error?: string;
  required?: boolean;
  disabled?: boolean;
  /** Id for the control; generated when omitted. */
  id?: string;
  /** "stacked" (label above) for text inputs; "inline" (control before label) for Checkbox/Switch. */
  layout?: 'stacked' | 'inline';
  /** Hide the label visually but keep it for screen readers (e.g. inside a table row). */
  hideLabel?: boolean;
  className?: string;
}

export function FormField({
  label,
  children,
  description,
  error,
  required = false,
  disabled = false,
  id,
  layout = 'stacked',
  hideLabel = false,
  className,
}: FormFieldProps) {
  const generatedId = useId();
  const controlId = id ?? `field-${generatedId}`;
  const descriptionId = description ? `${controlId}-description` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const labelId = `${controlId}-label`;
  const state: FormFieldState = {
    controlId,
    labelId,
    descriptionId,
    errorId,
    invalid: Boolean(error),
    required,
    disabled,
  };

  const labelElement = (
    <Label id={labelId} htmlFor={controlId} required={required} className={cn(hideLabel && 'sr-only')}>
      {label}
    </Label>
  );
  const descriptionElement = description ? (
    <p id={descriptionId} className="text-sm text-muted-foreground">
      {description}
    </p>
  ) : null;
  const errorElement = error ? (
    <p id={errorId} className="flex items-start gap-1.5 text-sm font-medium text-danger">
      <AlertCircle aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <span>{error}</span>
    </p>
  ) : null;

  return (
    <FormFieldContext.Provider value={state}>
      {layout === 'inline' ? (
        <div className={cn('grid content-start gap-1', className)} data-invalid={error ? '' : undefined}>
          <div className="flex items-start gap-3">
            <div className="flex min-h-6 items-center">{children}</div>
            <div className="grid gap-0.5 pt-0.5">
              {labelElement}
              {descriptionElement}
            </div>
          </div>
          {errorElement}
        </div>
      ) : (
        <div className={cn('grid content-start gap-1.5', className)} data-invalid={error ? '' : undefined}>
          {labelElement}
          {descriptionElement}
          {children}
          {errorElement}
        </div>
      )}
    </FormFieldContext.Provider>
  );
}
