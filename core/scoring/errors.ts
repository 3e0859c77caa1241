// Typed errors of the engine, so callers (services, the CLI) can map them to messages and codes.

export const SCORING_INPUT_ERROR_CODES = ['missing_value', 'invalid_value', 'unknown_indicator', 'duplicate_stakeholder', 'empty_stakeholder'] as const;
export type ScoringInputErrorCode = (typeof SCORING_INPUT_ERROR_CODES)[number];

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

/**
 * What a person can fix when weighting by the data fails; the app shows it from its catalogs
 * (`errors.engine.weights.<code>` with `params`), the CLI shows the English message.
 */
export const WEIGHTS_PROBLEM_CODES = ['invalid_input', 'too_few_rows', 'too_few_rows_missing', 'no_information'] as const;
export type WeightsProblemCode = (typeof WEIGHTS_PROBLEM_CODES)[number];

/** Inputs to a weighting method are unusable; `path` names the place, e.g. `matrix[1][2]`. */
export class WeightsInputError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly code: WeightsProblemCode = 'invalid_input',
    readonly params: Record<string, string | number> = {},
  ) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'WeightsInputError';
  }
}
