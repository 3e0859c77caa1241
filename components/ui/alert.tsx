import type { ComponentProps, ReactNode } from 'react';
import { AlertTriangle, CheckCircle2, Info, XCircle, type LucideIcon } from 'lucide-react';
import { cn } from '@/lib/cn';

export type AlertVariant = 'info' | 'success' | 'warning' | 'error';

const alertVariants: Record<AlertVariant, { className: string; icon: LucideIcon }> = {
  info: { className: 'bg-info-subtle border-info-border text-info-foreground', icon: Info },
  success: {
    className: 'bg-success-subtle border-success-border text-success-foreground',
    icon: CheckCircle2,
  },
  warning: {
    className: 'bg-warning-subtle border-warning-border text-warning-foreground',
    icon: AlertTriangle,
  },
  error: { className: 'bg-danger-subtle border-danger-border text-danger-foreground', icon: XCircle },
};

export interface AlertProps extends Omit<ComponentProps<'div'>, 'title'> {
  variant?: AlertVariant;
  title?: ReactNode;
  /** Replaces the variant's icon; pass `null` for none. */
  icon?: ReactNode;
  /** Buttons or links shown after the message. */
  action?: ReactNode;
}

/**
 * Inline message. Errors use role="alert" (interrupting); the others use role="status" (polite).
 * Pass `role` to override, e.g. role={undefined} for a static notice that should not be announced.
 */
export function Alert({
  variant = 'info',
  title,
  icon,
  action,
  className,
  children,
  ...props
}: AlertProps) {
  const { className: variantClass, icon: VariantIcon } = alertVariants[variant];
  const role = 'role' in props ? props.role : variant === 'error' ? 'alert' : 'status';
  return (
    <div
      {...props}
      role={role}
      className={cn('flex gap-3 rounded-lg border p-4 text-sm', variantClass, className)}
    >
      {icon === undefined ? (
        <VariantIcon aria-hidden="true" className="mt-0.5 size-5 shrink-0" />
      ) : (
        icon
      )}
      <div className="grid min-w-0 flex-1 gap-1">
        {title ? <p className="font-semibold leading-snug">{title}</p> : null}
        {children ? <div className="leading-relaxed [&_a]:font-medium [&_a]:text-current [&_a]:underline">{children}</div> : null}
        {action ? <div className="mt-2 flex flex-wrap gap-2">{action}</div> : null}
      </div>
    </div>
  );
}
