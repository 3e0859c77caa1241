// One stakeholder's row scored with some of its values changed, its peers held fixed (their
// stored values of the peer-relative indicators: peer-values.ts), exactly as the engine scores it
// within the whole run. The scorecard's what-if panel asks this of the server.
import type { KpiSetV1 } from './format';
import { compileKpiSet } from './compile';
import { scoreMatrix } from './engine';
import { peerDependence } from './next-band';
import { PeerValues } from './peer-values';
import { rowsToMatrix, stakeholderScoreAt, type StakeholderScore, type ValuesRow } from './score';

/** The engine's score of `own` among `others`; rank and percentile are left out (they need every peer's composite). */
export function scoreRowAmong(kpiSet: KpiSetV1, own: ValuesRow, others: Readonly<Record<string, PeerValues>>): Omit<StakeholderScore, 'rank' | 'percentile'> {
  const compiled = compileKpiSet(kpiSet);
  const matrix = rowsToMatrix(compiled, [own]);
  const dependent = peerDependence(kpiSet);
  const peers = compiled.indicatorCodes.map((code, j) => (dependent[j] ? (others[code] ?? new PeerValues(new Float64Array(0))) : null));
  const { rank: _rank, percentile: _percentile, ...score } = stakeholderScoreAt(compiled, matrix, scoreMatrix(compiled, matrix, peers), 0);
  return score;
}
