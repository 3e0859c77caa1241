// Worked examples of the weighting methods, the arithmetic in the comments.
import { describe, expect, it } from 'vitest';
import { ahpWeights, combineWeights, criticWeights, entropyWeights, equalWeights, normalizeWeights, WeightsInputError } from '@/core/scoring';

describe('manual, equal and combined weights', () => {
  it('normalizes manual weights to add up to 1', () => {
    // 2, 1, 1 → 2/4, 1/4, 1/4
    expect(normalizeWeights([2, 1, 1])).toEqual([0.5, 0.25, 0.25]);
    expect(() => normalizeWeights([0, 0])).toThrow(WeightsInputError);
    expect(() => normalizeWeights([1, -1])).toThrow('[1]');
  });

  it('gives n equal weights', () => {
    expect(equalWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(() => equalWeights(0)).toThrow(WeightsInputError);
  });

  it('combines two sets: α·w₁ + (1 − α)·w₂', () => {
    // α = 0.6: 0.6·(0.5, 0.3, 0.2) + 0.4·(0.2, 0.2, 0.6) = (0.30 + 0.08, 0.18 + 0.08, 0.12 + 0.24) = (0.38, 0.26, 0.36)
    const combined = combineWeights([0.5, 0.3, 0.2], [0.2, 0.2, 0.6], 0.6);
    expect(combined[0]).toBeCloseTo(0.38, 15);
    expect(combined[1]).toBeCloseTo(0.26, 15);
    expect(combined[2]).toBeCloseTo(0.36, 15);
    expect(() => combineWeights([1], [1, 2], 0.5)).toThrow(/differ in length/);
    expect(() => combineWeights([1], [1], 1.5)).toThrow(/alpha/);
  });
});

describe('AHP', () => {
  it('recovers the weights of a perfectly consistent matrix with CR = 0', () => {
    // w = (0.5, 0.3, 0.2) → aᵢⱼ = wᵢ/wⱼ: a₁₂ = 5/3, a₁₃ = 2.5, a₂₃ = 1.5; λmax = n = 3
    const result = ahpWeights([
      [1, 5 / 3, 2.5],
      [3 / 5, 1, 1.5],
      [1 / 2.5, 1 / 1.5, 1],
    ]);
    expect(result.weights[0]).toBeCloseTo(0.5, 12);
    expect(result.weights[1]).toBeCloseTo(0.3, 12);
    expect(result.weights[2]).toBeCloseTo(0.2, 12);
    expect(result.lambdaMax).toBeCloseTo(3, 12);
    expect(result.CI).toBeCloseTo(0, 12);
    expect(result.CR).toBeCloseTo(0, 12);
    expect(result.consistent).toBe(true);
  });

  it('the classic 3 × 3 example: weights 0.637/0.258/0.105, CR 0.033', () => {
    // A = [[1, 3, 5], [1/3, 1, 3], [1/5, 1/3, 1]]. For 3 × 3 reciprocal matrices the principal
    // eigenvector equals the normalized row geometric means:
    // ∛15 = 2.466212, ∛1 = 1, ∛(1/15) = 0.405480; sum 3.871692 → w = (0.636986, 0.258285, 0.104729).
    // (A w)₁ = 0.636986 + 3·0.258285 + 5·0.104729 = 1.935486 → /w₁ = 3.038511 (same for every row),
    // λmax = 3.038511, CI = 0.038511/2 = 0.019256, CR = 0.019256/0.58 = 0.033199 ≤ 0.1 → consistent.
    const result = ahpWeights(
      [
        [1, 3, 5],
        [1 / 3, 1, 3],
        [1 / 5, 1 / 3, 1],
      ],
      ['price', 'quality', 'delivery'],
    );
    const geometricMeans = [Math.cbrt(15), 1, Math.cbrt(1 / 15)];
    const sum = geometricMeans.reduce((a, b) => a + b, 0);
    geometricMeans.forEach((g, i) => expect(result.weights[i]).toBeCloseTo(g / sum, 10));
    expect(result.weights[0]).toBeCloseTo(0.636986, 6);
    expect(result.lambdaMax).toBeCloseTo(3.038511, 5);
    expect(result.CI).toBeCloseTo(0.019256, 5);
    expect(result.RI).toBe(0.58);
    expect(result.CR).toBeCloseTo(0.033199, 5);
    expect(result.consistent).toBe(true);
  });

  it('flags an inconsistent matrix and points at the judgement most at odds with the others', () => {
    // Start from the consistent w = (0.4, 0.3, 0.2, 0.1) and reverse one judgement: a₁₄ should be
    // 0.4/0.1 = 4, it is entered as 1/4 (and a₄₁ as 4).
    const w = [0.4, 0.3, 0.2, 0.1];
    const matrix = w.map((wi) => w.map((wj) => wi / wj));
    matrix[0]![3] = 1 / 4;
    matrix[3]![0] = 4;
    const result = ahpWeights(matrix, ['a', 'b', 'c', 'd']);
    expect(result.consistent).toBe(false);
    expect(result.CR).toBeGreaterThan(0.1);
    expect(result.mostInconsistent).toMatchObject({ i: 0, j: 3, rowCriterion: 'a', columnCriterion: 'd', given: 0.25 });
    // deviation = |ln(a₁₄ · w₄/w₁)| is the largest over all pairs
    for (let i = 0; i < 4; i++) {
      for (let j = i + 1; j < 4; j++) {
        const deviation = Math.abs(Math.log((matrix[i]![j]! * result.weights[j]!) / result.weights[i]!));
        expect(deviation).toBeLessThanOrEqual(result.mostInconsistent!.deviation + 1e-12);
      }
    }
    expect(result.mostInconsistent!.implied).toBeCloseTo(result.weights[0]! / result.weights[3]!, 12);
  });

  it('treats one and two criteria as always consistent', () => {
    expect(ahpWeights([[1]])).toMatchObject({ weights: [1], lambdaMax: 1, CI: 0, CR: 0, consistent: true, mostInconsistent: null });
    const two = ahpWeights([
      [1, 3],
      [1 / 3, 1],
    ]);
    expect(two.weights[0]).toBeCloseTo(0.75, 12);
    expect(two.CR).toBe(0);
  });

  it('accepts 1/3 typed as 0.333', () => {
    expect(
      ahpWeights([
        [1, 3],
        [0.333, 1],
      ]).consistent,
    ).toBe(true);
  });

  it.each([
    ['a non-positive judgement', [[1, 0], [0, 1]], 'matrix[0][1]', /positive/],
    ['a judgement beyond 9', [[1, 12], [1 / 12, 1]], 'matrix[0][1]', /1\/9 … 9/],
    ['a non-reciprocal pair', [[1, 3], [3, 1]], 'matrix[1][0]', /not reciprocal/],
    ['a diagonal other than 1', [[2, 1], [1, 1]], 'matrix[0][0]', /diagonal/],
    ['a ragged matrix', [[1, 2], [0.5]], 'matrix[1]', /2 entries/],
    ['an empty matrix', [], 'matrix', /empty/],
  ])('refuses %s', (_label, matrix, path, message) => {
    try {
      ahpWeights(matrix as number[][]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(WeightsInputError);
      expect((error as WeightsInputError).path).toBe(path);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses more than 15 criteria (no random index beyond Saaty’s table)', () => {
    const n = 16;
    const matrix = Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
    expect(() => ahpWeights(matrix)).toThrow(/at most 15/);
  });

  it('refuses criteria names that do not match the matrix', () => {
    expect(() => ahpWeights([[1]], ['a', 'b'])).toThrow(WeightsInputError);
  });
});

describe('entropy', () => {
  it('worked example: 3 rows, 2 indicators', () => {
    // x₁ = (1, 2, 3) → z = (0, 0.5, 1), Σ = 1.5 → p = (0, 1/3, 2/3)
    //   H = (1/3)·ln 3 + (2/3)·ln 1.5 = 0.366204 + 0.270310 = 0.636514; e₁ = H/ln 3 = 0.579380; d₁ = 0.420620
    // x₂ = (10, 12, 30) → z = (0, 0.1, 1), Σ = 1.1 → p = (0, 1/11, 10/11)
    //   H = (1/11)·ln 11 + (10/11)·ln 1.1 = 0.217990 + 0.086646 = 0.304636; e₂ = 0.277291; d₂ = 0.722709
    // w = d/Σd = (0.420620, 0.722709)/1.143329 = (0.367891, 0.632109)
    const result = entropyWeights(
      [
        [1, 10],
        [2, 12],
        [3, 30],
      ],
      ['higher', 'higher'],
    );
    const e1 = ((1 / 3) * Math.log(3) + (2 / 3) * Math.log(1.5)) / Math.log(3);
    const e2 = ((1 / 11) * Math.log(11) + (10 / 11) * Math.log(1.1)) / Math.log(3);
    expect(result.entropy[0]).toBeCloseTo(e1, 12);
    expect(result.entropy[1]).toBeCloseTo(e2, 12);
    expect(result.weights[0]).toBeCloseTo((1 - e1) / (2 - e1 - e2), 12);
    expect(result.weights[0]).toBeCloseTo(0.367891, 5);
    expect(result.weights[1]).toBeCloseTo(0.632109, 5);
    expect(result.warnings).toEqual([]);
  });

  it('uses the direction: lower-is-better is normalized as (max − x)/(max − min)', () => {
    // x₂ = (10, 12, 30) lower → z = (1, 0.9, 0), p = (1/1.9, 0.9/1.9, 0)
    const result = entropyWeights(
      [
        [1, 10],
        [2, 12],
        [3, 30],
      ],
      ['higher', 'lower'],
    );
    const p = [1 / 1.9, 0.9 / 1.9];
    const e2 = -(p[0]! * Math.log(p[0]!) + p[1]! * Math.log(p[1]!)) / Math.log(3);
    expect(result.entropy[1]).toBeCloseTo(e2, 12);
  });

  it('gives a constant indicator weight 0 with a warning, and leaves out incomplete rows', () => {
    const result = entropyWeights(
      [
        [1, 5],
        [2, 5],
        [3, 5],
        [null, 7],
      ],
      ['higher', 'higher'],
      ['a', 'b'],
    );
    expect(result.weights).toEqual([1, 0]);
    expect(result.rowsUsed).toBe(3);
    expect(result.warnings).toEqual([
      '1 of 4 rows have a missing value and were left out',
      '"b" has the same value in every row, so it carries no information: weight 0',
    ]);
  });

  it('refuses data that carry no information', () => {
    expect(() => entropyWeights([[1], [1]], ['higher'])).toThrow(/every indicator is constant/);
    expect(() => entropyWeights([[1]], ['higher'])).toThrow(/at least 2 complete rows/);
  });
});

describe('CRITIC', () => {
  it('worked example: 3 rows, 3 indicators', () => {
    // z₁ = (0, 0.5, 1), z₂ = (0, 1, 0.5), z₃ = (1, 0.5, 0); each has sample σ = √((0.25 + 0 + 0.25)/2) = 0.5
    // r₁₂ = cov/(σσ) = ((−0.5)(−0.5) + 0 + 0)/2 / 0.25 = 0.5; r₁₃ = −1; r₂₃ = ((−0.5)(0.5) + 0 + 0)/2 / 0.25 = −0.5
    // C₁ = 0.5·((1 − 0.5) + (1 + 1)) = 1.25; C₂ = 0.5·((1 − 0.5) + (1 + 0.5)) = 1; C₃ = 0.5·((1 + 1) + (1 + 0.5)) = 1.75
    // ΣC = 4 → w = (0.3125, 0.25, 0.4375)
    const result = criticWeights(
      [
        [1, 10, 30],
        [2, 30, 20],
        [3, 20, 10],
      ],
      ['higher', 'higher', 'higher'],
    );
    expect(result.stdDev.map((s) => Number(s.toFixed(12)))).toEqual([0.5, 0.5, 0.5]);
    expect(result.information[0]).toBeCloseTo(1.25, 12);
    expect(result.information[1]).toBeCloseTo(1, 12);
    expect(result.information[2]).toBeCloseTo(1.75, 12);
    expect(result.weights[0]).toBeCloseTo(0.3125, 12);
    expect(result.weights[1]).toBeCloseTo(0.25, 12);
    expect(result.weights[2]).toBeCloseTo(0.4375, 12);
  });

  it('reverses lower-is-better before correlating', () => {
    // x₃ = (30, 20, 10) as lower-is-better normalizes to (0, 0.5, 1) = z₁: r₁₃ = 1, no conflict between them
    const result = criticWeights(
      [
        [1, 10, 30],
        [2, 30, 20],
        [3, 20, 10],
      ],
      ['higher', 'higher', 'lower'],
    );
    // C₁ = 0.5·((1 − 0.5) + (1 − 1)) = 0.25, C₂ = 0.5·((1 − 0.5) + (1 − 0.5)) = 0.5, C₃ = 0.25
    expect(result.weights[0]).toBeCloseTo(0.25, 12);
    expect(result.weights[1]).toBeCloseTo(0.5, 12);
    expect(result.weights[2]).toBeCloseTo(0.25, 12);
  });

  it('gives a constant indicator weight 0, and shares equally when the others never conflict', () => {
    const result = criticWeights(
      [
        [1, 2, 7],
        [2, 4, 7],
        [3, 6, 7],
      ],
      ['higher', 'higher', 'higher'],
    );
    expect(result.weights).toEqual([0.5, 0.5, 0]);
    expect(result.warnings).toHaveLength(2);
  });
});
