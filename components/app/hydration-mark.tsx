'use client';
import { useEffect } from 'react';

/**
 * Marks the moment React has hydrated the page (effects run only after hydration): sets
 * `<html data-hydrated="1">` and a `app-hydrated` performance mark. The page-load bench reads the
 * mark as "interactive" (bench/page-load.ts); tests may wait for the attribute. Renders nothing.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = '1';
    performance.mark('app-hydrated');
  }, []);
  return null;
}
