import { Loader2 } from 'lucide-react';
import { cn } from '@/lib/cn';

export interface SpinnerProps {
  /** Announced to screen readers (e.g. t('common.loading')). Without it the spinner is decorative. */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const spinnerSizes = { sm: 'size-4', md: 'size-5', lg: 'size-8' } as const;

export function Spinner({ label, size = 'md', className }: SpinnerProps) {
  const icon = (
    <Loader2
      aria-hidden="true"
      focusable="false"
      className={cn('shrink-0 animate-spin text-current', spinnerSizes[size], className)}
    />
  );
  if (!label) return icon;
  return (
    <span role="status" className="inline-flex items-center">
      {icon}
      <span className="sr-only">{label}</span>
    </span>
  );
}
