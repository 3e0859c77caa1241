import type { ReactNode } from 'react';
import { requireRole } from '@/lib/trpc/server';

/** Pages for assessors and administrators only: others get the 403 page. */
export default async function Layout({ children }: { children: ReactNode }) {
  await requireRole('admin', 'assessor');
  return children;
}
