'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { AlertTriangle, CheckCircle2, Info, X, XCircle, type LucideIcon } from 'lucide-react';
import { cn } from '@/lib/cn';

export type ToastVariant = 'info' | 'success' | 'warning' | 'error';

export interface ToastInput {
  title: string;
  description?: string;
  variant?: ToastVariant;
  /** Milliseconds before it hides; null keeps it until dismissed. Defaults: 5 s, errors 10 s. */
  durationMs?: number | null;
  /** One follow-up action, e.g. { label: t('common.undo'), onClick }. */
  action?: { label: string; onClick: () => void };
}

export interface ToastRecord extends ToastInput {
  id: string;
  variant: ToastVariant;
}

/*
 * A tiny module-level store (one per browser tab) so `toast()` can be called from anywhere on the
 * client without a provider; <Toaster/> subscribes to it. On the server it stays empty.
 */
type Listener = () => void;
let toasts: readonly ToastRecord[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const EMPTY: readonly ToastRecord[] = [];
const MAX_TOASTS = 5;

function emit(next: readonly ToastRecord[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

/** Shows a notification; returns its id (for dismissToast). */
export function toast(input: ToastInput): string {
  const id = `toast-${nextId++}`;
  const record: ToastRecord = { ...input, id, variant: input.variant ?? 'info' };
  // Oldest go first when too many pile up.
  emit([...toasts, record].slice(-MAX_TOASTS));
  return id;
}

export function dismissToast(id: string): void {
  emit(toasts.filter((t) => t.id !== id));
}

function subscribe(listener: Listener) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** `const { toast } = useToast(); toast({ title: t('saved'), variant: 'success' })` */
export function useToast(): { toast: typeof toast; dismiss: typeof dismissToast } {
  return { toast, dismiss: dismissToast };
}

const variantStyles: Record<ToastVariant, { icon: LucideIcon; className: string; iconClass: string }> = {
  info: { icon: Info, className: 'border-info-border', iconClass: 'text-info' },
  success: { icon: CheckCircle2, className: 'border-success-border', iconClass: 'text-success' },
  warning: { icon: AlertTriangle, className: 'border-warning-border', iconClass: 'text-warning' },
  error: { icon: XCircle, className: 'border-danger-border', iconClass: 'text-danger' },
};

function defaultDuration(variant: ToastVariant): number {
  return variant === 'error' ? 10_000 : 5_000;
}

function ToastItem({ record, dismissLabel }: { record: ToastRecord; dismissLabel: string }) {
  const { icon: Icon, className, iconClass } = variantStyles[record.variant];
  const duration = record.durationMs === undefined ? defaultDuration(record.variant) : record.durationMs;
  const [paused, setPaused] = useState(false);
  // Content is inserted a moment after the item mounts: screen readers announce live-region
  // changes more reliably than content that arrives together with its container, and a modal
  // dialog closing in the same tick has by then removed its aria-hidden from the page.
  const [ready, setReady] = useState(false);
  const remainingRef = useRef(duration ?? 0);

  useEffect(() => {
    const timer = window.setTimeout(() => setReady(true), 50);
    return () => window.clearTimeout(timer);
  }, []);

  useEffect(() => {
    if (duration === null || paused) return;
    const startedAt = Date.now();
    const timer = window.setTimeout(() => dismissToast(record.id), remainingRef.current);
    return () => {
      window.clearTimeout(timer);
      remainingRef.current -= Date.now() - startedAt;
    };
  }, [duration, paused, record.id]);

  const pause = useCallback(() => setPaused(true), []);
  const resume = useCallback(() => setPaused(false), []);

  return (
    <li
      // Hover or keyboard focus pauses auto-dismiss (WCAG 2.2.1 Timing Adjustable).
      onPointerEnter={pause}
      onPointerLeave={resume}
      onFocus={pause}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) resume();
      }}
      className={cn(
        'pointer-events-auto flex w-full gap-3 rounded-lg border border-s-4 bg-surface p-3 pe-2 text-sm shadow-overlay',
        'motion-safe:animate-slide-in',
        className,
      )}
    >
      {ready ? (
        <>
          <Icon aria-hidden="true" className={cn('mt-0.5 size-5 shrink-0', iconClass)} />
          <div className="grid min-w-0 flex-1 gap-0.5">
            <p className="font-semibold text-foreground">{record.title}</p>
            {record.description ? <p className="text-muted-foreground">{record.description}</p> : null}
            {record.action ? (
              <button
                type="button"
                className="mt-1 justify-self-start rounded-sm font-medium text-primary underline underline-offset-4 hover:no-underline focus-visible:outline-2 focus-visible:outline-ring"
                onClick={() => {
                  record.action?.onClick();
                  dismissToast(record.id);
                }}
              >
                {record.action.label}
              </button>
            ) : null}
          </div>
          <button
            type="button"
            aria-label={dismissLabel}
            onClick={() => dismissToast(record.id)}
            className="grid size-8 shrink-0 cursor-pointer place-items-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring"
          >
            <X aria-hidden="true" className="size-4" />
          </button>
        </>
      ) : null}
    </li>
  );
}

export interface ToasterProps {
  /** Accessible name of each toast's close button, e.g. t('common.dismiss'). */
  dismissLabel: string;
  /** Accessible name of the notification list, e.g. t('common.notifications'). */
  regionLabel?: string;
  className?: string;
}

/**
 * Render once (in the root layout). Holds a polite live region that is always in the DOM,
 * so new toasts are announced without moving focus. It sits below modal overlays (z-40 < z-50):
 * while a dialog is open, report problems inside the dialog (ConfirmDialog `error`, FormField).
 */
export function Toaster({ dismissLabel, regionLabel, className }: ToasterProps) {
  const items = useSyncExternalStore(subscribe, () => toasts, () => EMPTY);
  return (
    // Not a landmark: an always-present empty region would clutter landmark navigation.
    <div
      data-toaster=""
      className={cn(
        'pointer-events-none fixed inset-x-0 bottom-0 z-40 flex justify-center p-3 sm:inset-x-auto sm:end-0 sm:p-4',
        className,
      )}
    >
      <ol
        aria-live="polite"
        aria-relevant="additions text"
        aria-label={regionLabel}
        className="grid w-full gap-2 sm:w-96"
      >
        {items.map((record) => (
          <ToastItem key={record.id} record={record} dismissLabel={dismissLabel} />
        ))}
      </ol>
    </div>
  );
}
