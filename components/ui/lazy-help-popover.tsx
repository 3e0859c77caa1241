'use client';
// HelpPopover (popover.tsx) without its cost on first load: Radix's popover and its positioning
// (about 17 KB compressed) load when someone is about to open one — on hover, focus or touch —
// and the panel opens as soon as they are there. Until then the trigger is the same button with
// the same name; it says it opens a dialog and is collapsed, as Radix's trigger will.
import { useState, type ComponentType } from 'react';
import { CircleQuestionMark } from 'lucide-react';
import { helpTriggerClassName } from './help-trigger';
import type { HelpPopoverProps } from './popover';

type Loaded = ComponentType<HelpPopoverProps & { defaultOpen?: boolean }>;

let loading: Promise<Loaded> | null = null;
/** Once per page; a failed download (the link dropped) is tried again on the next attempt. */
function load(): Promise<Loaded> {
  loading ??= import('./popover').then(
    (m) => m.HelpPopover,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

export function LazyHelpPopover(props: HelpPopoverProps) {
  const [Popover, setPopover] = useState<{ C: Loaded } | null>(null);
  if (Popover) return <Popover.C {...props} defaultOpen />;
  const { label, text, className } = props;
  return (
    <button
      type="button"
      aria-label={text ? undefined : label}
      aria-haspopup="dialog"
      aria-expanded={false}
      data-help-popover=""
      data-print="hide"
      className={helpTriggerClassName(Boolean(text), className)}
      onPointerEnter={() => void load().catch(() => undefined)}
      onFocus={() => void load().catch(() => undefined)}
      onClick={() => void load().then((C) => setPopover({ C }), () => undefined)}
    >
      <CircleQuestionMark aria-hidden="true" className="size-4 shrink-0" />
      {text ? <span>{text}</span> : null}
    </button>
  );
}
