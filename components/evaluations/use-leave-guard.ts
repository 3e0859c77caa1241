'use client';
// Leaving the evaluation form never loses what was typed: pending changes go out in a keepalive
// request (it outlives the page) when the tab is hidden or closed and when the form unmounts on an
// in-app navigation, and the browser asks before unloading while something is unsaved. The request
// is the ordinary save procedure, so it is authenticated and checked like any save.
import { useEffect, useRef } from 'react';
import superjson from 'superjson';
import type { FieldChange } from '@/core/domain/evaluation-merge';

type Pending = { id: number; revision: number; changes: FieldChange[] };

/** Sends the save without waiting for (or reading) the answer; a save that fails stays kept in the browser. */
function sendKeepalive(input: Pending): void {
  if (input.changes.length === 0) return;
  void fetch('/api/trpc/evaluations.save', {
    method: 'POST',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(superjson.serialize(input)),
  }).catch(() => undefined);
}

export function useLeaveGuard(opts: { active: boolean; hasUnsaved: () => boolean; pending: () => Pending }) {
  // The latest callbacks, so the listeners are added once and the unmount sends what is pending then.
  const latest = useRef(opts);
  useEffect(() => {
    latest.current = opts;
  });

  useEffect(() => {
    const flush = () => {
      if (latest.current.active) sendKeepalive(latest.current.pending());
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (ev: BeforeUnloadEvent) => {
      if (!latest.current.active || !latest.current.hasUnsaved()) return;
      ev.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      ev.returnValue = '';
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
      flush();
    };
  }, []);
}
