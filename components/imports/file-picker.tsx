'use client';
// The file field of the imports: a button in our language (the native picker's button text
// follows the browser's language) over a visually hidden input, and the chosen file's name.
import type { Ref } from 'react';
import { FileUp } from 'lucide-react';
import { buttonClassName } from '@/components/ui/styles';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function FilePicker({ id, label, chooseLabel, noFileLabel, file, inputRef, onChoose }: {
  id: string;
  label: string;
  chooseLabel: string;
  noFileLabel: string;
  file: File | null;
  inputRef: Ref<HTMLInputElement>;
  onChoose: (file: File | null) => void;
}) {
  return (
    <div className="grid gap-1.5">
      <span id={id} className="text-sm font-medium">
        {label}
      </span>
      <div className="flex flex-wrap items-center gap-3">
        <label className={buttonClassName({ variant: 'outline', className: 'focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-ring' })}>
          <FileUp aria-hidden="true" />
          {chooseLabel}
          <input ref={inputRef} type="file" aria-labelledby={id} accept={ACCEPT} onChange={(e) => onChoose(e.target.files?.[0] ?? null)} className="sr-only" />
        </label>
        <span className="min-w-0 text-sm text-muted-foreground [overflow-wrap:anywhere]">{file ? file.name : noFileLabel}</span>
      </div>
    </div>
  );
}
