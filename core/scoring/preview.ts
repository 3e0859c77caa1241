// The live preview of one evaluation: its values scored by the engine as one row among peers it
// knows only by their summary (peer-summary.ts). Goalposts, target, minmax and z-score parts are
// the engine's own results over the full peer rows (minmax and z-score need only the peers'
// count, min, max, mean and squares); percentile parts are exact up to SKETCH_BUCKETS distinct
// peer values and within about 0.1 percentile points beyond (peer-summary.ts). The rank compares
// the composite with the peers' composites of the period's latest run, which the stakeholder's
// own values could still shift where indicators are scored against peers: it is labelled
// approximate then, and whenever the composites' sketch is.
import { compileKpiSet } from './compile';
import { scoreMatrix } from './engine';
import type { KpiSetV1 } from './format';
import { PeerValues } from './peer-values';
import { expandSketch, SummarizedPeers, type PeerSummary } from './peer-summary';
import { rowsToMatrix, stakeholderScoreAt, type StakeholderScore } from './score';

export interface PreviewScore {
  score: StakeholderScore;
  /** Among the peers with a composite and this one; null without a composite. */
  rank: number | null;
  ranked: number;
  rankApproximate: boolean;
}

/** The preview's row name: any non-empty name does, peers are never rows. */
const SELF = 'self';

/**
 * Scores `values` as the engine would among the peers `summary` describes. Throws
 * ScoringInputError as the engine does (a value missing under the "reject" policy).
 */
export function previewScore(document: KpiSetV1, summary: PeerSummary, values: Record<string, number | null | undefined>): PreviewScore {
  const compiled = compileKpiSet(document);
  const matrix = rowsToMatrix(compiled, [{ stakeholder: SELF, values }]);
  const peers = compiled.indicatorCodes.map((code) => {
    const s = summary.indicators[code];
    return s ? new SummarizedPeers(s) : null;
  });
  const score = stakeholderScoreAt(compiled, matrix, scoreMatrix(compiled, matrix, peers), 0);
  const others = expandSketch(summary.composites);
  const ranked = others.length + 1;
  if (score.composite === null) return { score: { ...score, rank: null, percentile: null }, rank: null, ranked, rankApproximate: false };
  const placed = new PeerValues(others);
  const rank = placed.rankOf(score.composite, 1);
  return {
    score: { ...score, rank, percentile: placed.percentileOf(score.composite, 1) },
    rank,
    ranked,
    rankApproximate: !summary.composites.exact || Object.keys(summary.indicators).length > 0,
  };
}
