'use client';
// Switches the published period by navigating (?period=…), so every view is a shareable URL.
import { useRouter, usePathname, useSearchParams } from 'next/navigation';
import { useId, useTransition } from 'react';
import { NativeSelect } from '@/components/ui/native-select';
import { Spinner } from '@/components/ui/spinner';

export function PeriodPicker({ periods, value, label, hint }: { periods: string[]; value: string; label: string; hint?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();
  const id = useId();
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <div className="flex items-center gap-2">
        <NativeSelect
          id={id}
          value={value}
          aria-describedby={hint ? `${id}-hint` : undefined}
          wrapperClassName="w-40"
          onChange={(e) => {
            const next = new URLSearchParams(params.toString());
            next.set('period', e.target.value);
            startTransition(() => router.push(`${pathname}?${next.toString()}`));
          }}
        >
          {periods.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </NativeSelect>
        {pending ? <Spinner size="sm" /> : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
