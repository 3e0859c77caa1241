// Loads a scorecard for a page through the tRPC caller (same permissions as the API). Refusals and
// unknown periods become null so pages answer 404 without telling whether the stakeholder exists.
import type { CountyScorecardParams } from '@/core/schemas/county-scorecard';
import 'server-only';
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';
import { isPeriodCode } from '@/core/schemas/period-code';
import { api, getContext } from './server';

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof TRPCError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(e.code)) return null;
    throw e;
  }
}

export function periodParam(v: string | string[] | undefined): string | undefined {
  return isPeriodCode(v) ? v : undefined;
}

export async function loadScorecard(input: { stakeholderId?: number; period?: string | undefined }) {
  const caller = await api();
  const data = await orNull(caller.scorecards.get(input));
  if (!data) return null;
  const nextBand = data.card ? await orNull(caller.scorecards.nextBand({ ...input, period: data.period ?? undefined })) : null;
  return { data, nextBand };
}

/** The props of the pages under /scorecards/[id]. */
export type ScorecardPageProps = { params: Promise<{ id: string }>; searchParams: Promise<{ period?: string | string[] }> };

/**
 * For the pages of one stakeholder's scorecard (screen and print): the stakeholder id from the
 * route, its scorecard for the asked period and the signed-in user, or a 404.
 */
export async function loadScorecardPage({ params, searchParams }: ScorecardPageProps) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const ctx = await getContext();
  const loaded = await loadScorecard({ stakeholderId: id, period: periodParam((await searchParams).period) });
  if (!loaded || !ctx.user) notFound();
  return { id, user: ctx.user, ...loaded };
}

export async function loadCountyScorecard(input: Partial<CountyScorecardParams>) {
  return orNull((await api()).scorecards.county(input));
}
