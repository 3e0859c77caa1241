// The consistency of the AHP judgements behind a weighting, read from what the tuning workspace
// sends with the weights: computed from the pairwise matrix when there is one (a CR the client
// states is not taken on trust), else the CR it states; null when no AHP was involved.
import { TOLERANCE } from './tolerance';
import { ahpWeights, AHP_CR_LIMIT } from './weights';

export function ahpConsistencyOf(detail: Readonly<Record<string, unknown>>): number | null {
  if (Array.isArray(detail.matrix)) return ahpWeights(detail.matrix as number[][]).CR;
  return typeof detail.CR === 'number' && Number.isFinite(detail.CR) ? detail.CR : null;
}

/** Above Saaty's limit as ahpWeights judges it: what needs an explicit acknowledgement. */
export function isInconsistent(cr: number | null): cr is number {
  return cr !== null && cr > AHP_CR_LIMIT + TOLERANCE;
}
