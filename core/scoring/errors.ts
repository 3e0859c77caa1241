// Typed errors of the engine, so callers (services, the CLI) can map them to messages and codes.

export type ScoringInputErrorCode =
  | 'missing_value'
  | 'invalid_value'
  | 'unknown_indicator'
  | 'duplicate_stakeholder'
  | 'empty_stakeholder';

/** The values given to the engine cannot be scored (e.g. a missing value under policy `reject`). */
export class ScoringInputError extends Error {
  constructor(
    readonly code: ScoringInputErrorCode,
    message: string,
    readonly stakeholder?: string,
    readonly indicator?: string,
  ) {
    super(message);
    this.name = 'ScoringInputError';
  }
}

/** Inputs to a weighting method are unusable; `path` names the place, e.g. `matrix[1][2]`. */
export class WeightsInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'WeightsInputError';
  }
}
