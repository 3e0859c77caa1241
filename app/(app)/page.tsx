import { redirect } from 'next/navigation';
import { getContext } from '@/lib/trpc/server';

/** Each role has its own home. */
export default async function HomePage() {
  const ctx = await getContext();
  if (!ctx.user) redirect('/sign-in');
  redirect(ctx.user.role === 'admin' ? '/admin' : ctx.user.role === 'assessor' ? '/assessor' : '/me');
}
