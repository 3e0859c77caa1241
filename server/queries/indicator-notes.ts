// What a scorecard says about each indicator beyond its score: its description in both languages
// and its value in the previous published period, plus how the KPI-set version aggregates (under
// a geometric mean the contributions do not add up linearly, and the page says why).
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db';
import { indicators } from '@/db/schema';
import type { LoadedVersion } from './kpi-documents';
import type { PublishedScore } from './scores';

export type IndicatorNote = {
  description: { en: string; 'zh-CN': string } | null;
  previousRaw: number | null;
  previousNormalized: number | null;
};

/**
 * Notes for the indicators of a loaded version; `previous` is the stakeholder's published score of
 * the period before (already read with the scorecard, so only the descriptions cost a query).
 */
export function indicatorNotes(db: DbOrTx, loaded: LoadedVersion, previous: PublishedScore | null) {
  const ids = [...loaded.indicatorIds.values()];
  const rows = ids.length
    ? db
        .select({ code: indicators.code, en: indicators.descriptionEn, zh: indicators.descriptionZh })
        .from(indicators)
        .where(inArray(indicators.id, ids))
        .all()
    : [];
  const descriptions = new Map(rows.map((r) => [r.code, r]));
  const before = previous?.score.indicators ?? {};
  const notes: Record<string, IndicatorNote> = {};
  for (const code of loaded.indicatorIds.keys()) {
    const d = descriptions.get(code);
    // One language missing: the other stands in, as names do elsewhere.
    const en = d?.en?.trim() || d?.zh?.trim() || '';
    const zh = d?.zh?.trim() || d?.en?.trim() || '';
    notes[code] = {
      description: en ? { en, 'zh-CN': zh } : null,
      previousRaw: before[code]?.raw ?? null,
      previousNormalized: before[code]?.normalized ?? null,
    };
  }
  return { previousPeriod: previous?.periodCode ?? null, aggregation: loaded.document.aggregation, indicators: notes };
}
