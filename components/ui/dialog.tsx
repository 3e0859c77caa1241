'use client';

import { useCallback, useState, type ComponentProps, type ReactNode } from 'react';
import { AlertDialog as AlertDialogPrimitive, Dialog as DialogPrimitive } from 'radix-ui';
import { X } from 'lucide-react';
import { cn } from '@/lib/cn';
import { Button } from './button';

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

const overlayClassName =
  'fixed inset-0 z-50 bg-slate-950/50 motion-safe:data-[state=open]:animate-fade-in';

const contentSizes = {
  sm: 'sm:max-w-sm',
  md: 'sm:max-w-lg',
  lg: 'sm:max-w-2xl',
  xl: 'sm:max-w-4xl',
} as const;

const contentClassName =
  'fixed top-1/2 left-1/2 z-50 grid w-[calc(100%-1.5rem)] -translate-x-1/2 -translate-y-1/2 gap-4 ' +
  'max-h-[calc(100dvh-1.5rem)] overflow-y-auto overscroll-contain rounded-lg border bg-surface p-4 shadow-overlay sm:p-6 ' +
  'focus-visible:outline-2 focus-visible:outline-ring motion-safe:data-[state=open]:animate-pop-in';

export interface DialogContentProps extends ComponentProps<typeof DialogPrimitive.Content> {
  size?: keyof typeof contentSizes;
  /** Accessible name of the corner close (×) button; the button is omitted when not given. */
  closeLabel?: string;
}

/** Modal content with overlay and portal. Must contain a DialogTitle (use VisuallyHidden to hide it). */
export function DialogContent({
  size = 'md',
  closeLabel,
  className,
  children,
  ...props
}: DialogContentProps) {
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className={overlayClassName} />
      <DialogPrimitive.Content className={cn(contentClassName, contentSizes[size], className)} {...props}>
        {children}
        {closeLabel ? (
          <DialogPrimitive.Close asChild>
            <Button
              variant="ghost"
              size="icon-sm"
              aria-label={closeLabel}
              className="absolute end-2 top-2 sm:end-3 sm:top-3"
            >
              <X aria-hidden="true" />
            </Button>
          </DialogPrimitive.Close>
        ) : null}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('grid gap-1.5 pe-8 text-start', className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      className={cn('flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end', className)}
      {...props}
    />
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return (
    <DialogPrimitive.Title className={cn('text-lg font-semibold leading-snug', className)} {...props} />
  );
}

export function DialogDescription({
  className,
  ...props
}: ComponentProps<typeof DialogPrimitive.Description>) {
  return (
    <DialogPrimitive.Description className={cn('text-sm text-muted-foreground', className)} {...props} />
  );
}

export interface ConfirmDialogProps {
  /** Controlled open state; omit both open and onOpenChange and pass `trigger` for uncontrolled use. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Element that opens the dialog (rendered via asChild, so pass a Button). */
  trigger?: ReactNode;
  title: ReactNode;
  description?: ReactNode;
  /** Extra content between description and buttons, e.g. a FormField for a required reason. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /**
   * Runs on confirm. The dialog shows a busy confirm button while the promise is pending and
   * closes when it resolves. If it rejects, the dialog stays open so the caller can show the
   * problem through `error` (handle and report the error inside onConfirm).
   */
  onConfirm: () => void | Promise<void>;
  /** Red confirm button for irreversible acts (delete, reopen, override). */
  destructive?: boolean;
  confirmDisabled?: boolean;
  /** Error shown above the buttons (e.g. the server's message). */
  error?: string;
}

/** Confirmation built on Radix AlertDialog: role="alertdialog", focus starts on Cancel, no outside-click close. */
export function ConfirmDialog({
  open: openProp,
  onOpenChange,
  trigger,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  destructive = false,
  confirmDisabled = false,
  error,
}: ConfirmDialogProps) {
  const [uncontrolledOpen, setUncontrolledOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const open = openProp ?? uncontrolledOpen;

  const setOpen = useCallback(
    (next: boolean) => {
      if (openProp === undefined) setUncontrolledOpen(next);
      onOpenChange?.(next);
    },
    [openProp, onOpenChange],
  );

  const handleConfirm = async () => {
    setPending(true);
    try {
      await onConfirm();
      setOpen(false);
    } catch {
      // Stay open: onConfirm is responsible for reporting the failure (via `error` or a toast).
    } finally {
      setPending(false);
    }
  };

  return (
    <AlertDialogPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        // Keep the dialog up while the action runs, so its outcome stays visible.
        if (!pending) setOpen(next);
      }}
    >
      {trigger ? <AlertDialogPrimitive.Trigger asChild>{trigger}</AlertDialogPrimitive.Trigger> : null}
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className={overlayClassName} />
        <AlertDialogPrimitive.Content
          className={cn(contentClassName, 'sm:max-w-md')}
          // Without a description, tell Radix there is deliberately none (silences its dev warning).
          {...(description ? {} : { 'aria-describedby': undefined })}
        >
          <div className="grid gap-1.5 text-start">
            <AlertDialogPrimitive.Title className="text-lg font-semibold leading-snug">
              {title}
            </AlertDialogPrimitive.Title>
            {description ? (
              <AlertDialogPrimitive.Description className="text-sm text-muted-foreground">
                {description}
              </AlertDialogPrimitive.Description>
            ) : null}
          </div>
          {children}
          {error ? (
            <p role="alert" className="rounded-md bg-danger-subtle px-3 py-2 text-sm text-danger-foreground">
              {error}
            </p>
          ) : null}
          <div className="flex flex-col-reverse gap-2 pt-2 sm:flex-row sm:justify-end">
            <AlertDialogPrimitive.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                {cancelLabel}
              </Button>
            </AlertDialogPrimitive.Cancel>
            <Button
              variant={destructive ? 'destructive' : 'primary'}
              loading={pending}
              disabled={confirmDisabled}
              onClick={() => void handleConfirm()}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}
