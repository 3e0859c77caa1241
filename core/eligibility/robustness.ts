// Robustness of an eligibility run's decisions: how often each one survives other, equally
// defensible weightings of the KPI sets. Pure, no I/O; the app's job (server/services/robustness.ts)
// and the CLI (`eligibility --robustness N --seed S`) run this same code, so the same inputs and
// seed give the same stabilities.
//
// Scheme (uniform, ±x): in each of N draws every indicator and objective weight of every KPI set
// becomes wᵢ' = wᵢ·(1 + uᵢ), uᵢ ~ U(−x, x), drawn from one mulberry32 stream seeded with the seed
// (KPI sets in the order given, within each the indicators' weights and then the objectives', as
// core/scoring/sensitivity.ts draws them); the aggregation renormalizes them. Normalized indicator
// values do not depend on the weights, so each draw only re-aggregates them (sensitivity.ts),
// then recomputes what a rule may read from them exactly as the scoring engine does: objective
// scores, composite, grade, percentile among the KPI set's stakeholders, percentile within the
// county, coupling class (its α the drawn objective weights, normalized). Raw values, red flags,
// earlier periods and county stay as they are. The rule, the benefit, the per-county limit and the
// budget are then applied as runEligibility applies them (program.ts), decisions only.
// A decision is "awarded or not" and, for tiered benefits, the tier awarded; its stability is the
// share of draws giving the same decision as the published weights. Below FRAGILE_BELOW (0.9) it is
// fragile. What flipped it in a draw is the first of: the rule's outcome (then the first leaf
// clause, in reading order, whose truth changed, located by its path), the per-county limit, the
// benefit (no band reached), the budget, the tier; the flip cause reported is the most frequent.
// Reference: M. Saisana, A. Saltelli, S. Tarantola, "Uncertainty and sensitivity analysis
// techniques as tools for the quality assessment of composite indicators", J. R. Stat. Soc. A
// 168(2), 2005, 307–323; OECD/JRC, Handbook on Constructing Composite Indicators, 2008, §7.
import type { CompiledKpiSet } from '@/core/scoring/compile';
import { couplingClassOf, couplingInto } from '@/core/scoring/coupling';
import { gradeIndexFor } from '@/core/scoring/grades';
import { rankDescendingInto } from '@/core/scoring/rank';
import { aggregateRow, basisValues, mulberry32, perturbWeightsInto, sensitivityBasisOf, type SensitivityBasis } from '@/core/scoring/sensitivity';
import { FRAGILE_BELOW, type FlipCause } from '@/core/domain/robustness';
import { exprTruth, type Expr, type Truth } from './atoms';
import { allocateBudget, type AllocationRequest } from './budget';
import { benefitFor, tierIndexOf, type BenefitDemand } from './benefits';
import { explainClause } from './evaluate';
import type { EligibilityInput } from './input';
import type { ProgramCore } from './program';
import type { Clause, Rule } from './rules';

/** One KPI set's stakeholders (a score run): its weights and normalized values, row by row. */
export interface RobustnessGroup {
  basis: SensitivityBasis;
  objectiveCodes: readonly string[];
  /** Stakeholder code of each basis row; each must be one of the inputs. */
  stakeholders: readonly string[];
  /** The key the county percentile groups rows by (as the score run did); the input's county when absent. */
  countyKeys?: readonly string[];
}

export interface RobustnessOptions {
  draws: number;
  /** Half-width x of the uniform perturbation, as a fraction (0.2 = ±20 %). */
  spread: number;
  seed: number;
}

export interface StakeholderRobustness {
  stakeholder: string;
  /** The decision under the published weights. */
  eligible: boolean;
  /** The tier awarded (0 = the lowest band) for tiered benefits; null otherwise or when not awarded. */
  tier: number | null;
  /** Share of draws with the same decision. */
  stability: number;
  fragile: boolean;
  /** What most often flipped it; null when it never flipped. */
  flip: FlipCause | null;
}

/** A KPI set's group from its stakeholders' inputs: the normalized values and composites they carry. */
export function robustnessGroupOf(compiled: CompiledKpiSet, inputs: readonly EligibilityInput[], countyKeys?: readonly string[]): RobustnessGroup {
  const codes = compiled.indicatorCodes;
  const basis = sensitivityBasisOf(compiled, {
    rowCount: inputs.length,
    normalizedAt: (r, j) => inputs[r]!.indicators[codes[j]!]?.normalized ?? NaN,
    composite: Float64Array.from(inputs, (i) => i.composite ?? NaN),
  });
  return { basis, objectiveCodes: [...compiled.objectiveCodes], stakeholders: inputs.map((i) => i.stakeholder), ...(countyKeys ? { countyKeys } : {}) };
}

/** A leaf clause of a rule and where it sits: child indices from the root, a `not` passed through. */
export interface RuleLeaf {
  clause: Clause;
  path: number[];
}

export function ruleLeaves(rule: Rule, path: number[] = [], out: RuleLeaf[] = []): RuleLeaf[] {
  if (rule.op === 'clause') out.push({ clause: rule.clause, path });
  else if (rule.op === 'not') ruleLeaves(rule.rule, path, out);
  else rule.rules.forEach((r, i) => ruleLeaves(r, [...path, i], out));
  return out;
}

/** The clause at a leaf path (ruleLeaves), or null when the path leads nowhere. */
export function clauseAtPath(rule: Rule, path: readonly number[]): Clause | null {
  let node: Rule = rule;
  for (let depth = 0; ; ) {
    if (node.op === 'not') node = node.rule;
    else if (node.op === 'clause') return depth === path.length ? node.clause : null;
    else {
      const next: Rule | undefined = node.rules[path[depth++]!];
      if (!next) return null;
      node = next;
    }
  }
}

/** Clauses whose truth the weights can move: those reading composite, objectives, grade, percentiles, coupling. */
function moves(clause: Clause): boolean {
  const c = clause.kind === 'consecutive' ? clause.clause : clause;
  return c.kind === 'composite' || c.kind === 'objective' || c.kind === 'grade' || c.kind === 'percentile' || c.kind === 'coupling';
}

// Truth as a number for the hot loop: Kleene's "and" is the minimum, "or" the maximum, "not" 2 − t.
const FAIL = 0;
const UNKNOWN = 1;
const PASS = 2;
const truthCode = (t: Truth) => (t === 'pass' ? PASS : t === 'fail' ? FAIL : UNKNOWN);

type Node = { op: 'and' | 'or'; parts: Node[] } | { op: 'not'; part: Node } | { op: 'leaf'; leaf: number };

function compileRule(rule: Rule, next = { leaf: 0 }): Node {
  if (rule.op === 'clause') return { op: 'leaf', leaf: next.leaf++ };
  if (rule.op === 'not') return { op: 'not', part: compileRule(rule.rule, next) };
  return { op: rule.op === 'all' ? 'and' : 'or', parts: rule.rules.map((r) => compileRule(r, next)) };
}

function nodeTruth(node: Node, truths: Uint8Array, offset: number): number {
  if (node.op === 'leaf') return truths[offset + node.leaf]!;
  if (node.op === 'not') return PASS - nodeTruth(node.part, truths, offset);
  let t = node.op === 'and' ? PASS : FAIL;
  for (const p of node.parts) {
    const x = nodeTruth(p, truths, offset);
    t = node.op === 'and' ? Math.min(t, x) : Math.max(t, x);
  }
  return t;
}

/** Per-draw state of a KPI set's rows. */
interface GroupState {
  group: RobustnessGroup;
  values: Float64Array;
  logValues: Float64Array;
  iw: Float64Array;
  ow: Float64Array;
  alpha: Float64Array;
  composite: Float64Array;
  objectives: Float64Array;
  percentile: Float64Array;
  countyPercentile: Float64Array;
  rankScratch: Float64Array;
  /** Indices of the objectives a rule reads. */
  readObjectives: number[];
  /** Rows per county (the stored run ranks within the county this way). */
  counties: Int32Array[];
  /** Row → candidate index, −1 for a row of a type the program does not take. */
  candidate: Int32Array;
  baseNull: Uint8Array;
  gradeBands: { min: number }[];
}

/**
 * A robustness check that advances in steps, so a caller can report progress between chunks. The
 * base decision (published weights) is worked out first; each draw is compared with it.
 */
export class RobustnessCheck {
  readonly options: RobustnessOptions;
  private readonly program: ProgramCore;
  private readonly random: () => number;
  private readonly groups: GroupState[];
  private readonly codes: string[];
  private readonly views: EligibilityInput[];
  private readonly leaves: RuleLeaf[];
  private readonly movingLeaves: number[];
  private readonly leafExprs: (Expr | null)[];
  private readonly tree: Node;
  /** Per candidate, what the benefit gives: one demand, or one per band reached (−1: none) for tiered benefits; null for linear ones. */
  private readonly demands: (BenefitDemand[] | null)[];
  private readonly benefits: (BenefitDemand | null)[];
  private readonly tiers: readonly { minComposite: number }[] | null;
  private readonly countyIndex: Int32Array;
  private readonly countyCount: number;
  private readonly codeIndex: Map<string, number>;
  private readonly need: { percentile: boolean; county: boolean; coupling: boolean; grade: boolean; objectives: ReadonlySet<string> };
  // Per candidate: the decision's parts, in the base and in the current draw.
  private readonly truths: Uint8Array;
  private readonly pass: Uint8Array;
  private readonly overLimit: Uint8Array;
  private readonly noBenefit: Uint8Array;
  private readonly exhausted: Uint8Array;
  private readonly decision: Int32Array;
  private readonly base: { truths: Uint8Array; pass: Uint8Array; overLimit: Uint8Array; noBenefit: Uint8Array; exhausted: Uint8Array; decision: Int32Array };
  private readonly same: Int32Array;
  private readonly causes: Int32Array;
  private done = 0;

  constructor(program: ProgramCore, inputs: readonly EligibilityInput[], groups: readonly RobustnessGroup[], options: RobustnessOptions) {
    if (!(options.spread >= 0 && options.spread < 1)) throw new RangeError('spread must lie in [0, 1)');
    if (!(Number.isInteger(options.draws) && options.draws >= 1)) throw new RangeError('draws must be a positive integer');
    this.program = program;
    this.options = options;
    this.random = mulberry32(options.seed);
    const candidates = inputs.filter((i) => program.eligibleTypes.includes(i.type)).sort((a, b) => (a.stakeholder < b.stakeholder ? -1 : a.stakeholder > b.stakeholder ? 1 : 0));
    for (let k = 1; k < candidates.length; k++) {
      if (candidates[k]!.stakeholder === candidates[k - 1]!.stakeholder) throw new Error(`stakeholder "${candidates[k]!.stakeholder}" appears more than once in the inputs`);
    }
    const n = candidates.length;
    this.codes = candidates.map((c) => c.stakeholder);
    this.codeIndex = new Map(this.codes.map((code, i) => [code, i]));
    // A copy per candidate whose weight-dependent fields each draw overwrites.
    this.views = candidates.map((c) => ({ ...c, objectives: { ...c.objectives } }));
    const countyKeys = new Map<string, number>();
    this.countyIndex = Int32Array.from(candidates, (c) => countyKeys.get(c.county ?? '') ?? countyKeys.set(c.county ?? '', countyKeys.size).get(c.county ?? '')!);
    this.countyCount = countyKeys.size;

    this.leaves = ruleLeaves(program.rule);
    this.tree = compileRule(program.rule);
    const L = this.leaves.length;
    this.movingLeaves = this.leaves.flatMap((leaf, l) => (moves(leaf.clause) ? [l] : []));
    const inner = this.movingLeaves.map((l) => {
      const c = this.leaves[l]!.clause;
      return c.kind === 'consecutive' ? c.clause : c;
    });
    this.need = {
      percentile: inner.some((c) => c.kind === 'percentile' && c.scope === 'province'),
      county: inner.some((c) => c.kind === 'percentile' && c.scope === 'county'),
      coupling: inner.some((c) => c.kind === 'coupling'),
      grade: inner.some((c) => c.kind === 'grade'),
      objectives: new Set(inner.flatMap((c) => (c.kind === 'objective' ? [c.objective] : []))),
    };
    // Fixed leaves are decided once; moving ones keep their atoms for the draws.
    this.truths = new Uint8Array(n * L);
    this.leafExprs = new Array<Expr | null>(n * L).fill(null);
    candidates.forEach((input, c) => {
      this.leaves.forEach((leaf, l) => {
        const { explanation, expr } = explainClause(leaf.clause, input);
        this.truths[c * L + l] = truthCode(explanation.truth);
        if (moves(leaf.clause)) this.leafExprs[c * L + l] = expr;
      });
    });

    // A tiered benefit reads the composite only through the band it reaches, so each band's demand
    // is worked out once (at the band's minimum); a linear one is worked out in every draw.
    const b = program.benefit;
    const tiers = 'tiers' in b ? b.tiers : null;
    this.tiers = tiers;
    this.demands = candidates.map((input) => {
      if (b.kind === 'linear') return null;
      if (!tiers) return [benefitFor(b, input)];
      return [null, ...tiers.map((t) => t.minComposite)].map((composite) => benefitFor(b, { ...input, composite }));
    });
    this.benefits = new Array<BenefitDemand | null>(candidates.length).fill(null);

    const inGroup = new Set<string>();
    this.groups = groups.map((group) => {
      const { basis } = group;
      if (group.stakeholders.length !== basis.rowCount) throw new RangeError('a group needs one stakeholder code per basis row');
      const rows = basis.rowCount;
      const candidate = Int32Array.from(group.stakeholders, (code) => {
        if (inGroup.has(code)) throw new Error(`stakeholder "${code}" is in more than one KPI set`);
        inGroup.add(code);
        return this.codeIndex.get(code) ?? -1;
      });
      const byCounty = new Map<string, number[]>();
      const inputOf = new Map(inputs.map((i) => [i.stakeholder, i]));
      group.stakeholders.forEach((code, r) => {
        const key = group.countyKeys?.[r] ?? inputOf.get(code)?.county ?? '';
        (byCounty.get(key) ?? byCounty.set(key, []).get(key)!).push(r);
      });
      return {
        group,
        ...basisValues(basis),
        iw: new Float64Array(basis.indicatorCount),
        ow: new Float64Array(basis.objectiveCount),
        alpha: Float64Array.from(basis.objectiveWeight),
        composite: new Float64Array(rows),
        objectives: new Float64Array(rows * basis.objectiveCount),
        percentile: new Float64Array(rows),
        countyPercentile: new Float64Array(rows),
        rankScratch: new Float64Array(rows),
        counties: [...byCounty.values()].map((rs) => Int32Array.from(rs)),
        candidate,
        baseNull: Uint8Array.from(basis.composite, (x) => (x === null ? 1 : 0)),
        gradeBands: basis.gradeMins.map((min) => ({ min })),
        readObjectives: group.objectiveCodes.flatMap((code, o) => (this.need.objectives.has(code) ? [o] : [])),
      };
    });

    this.pass = new Uint8Array(n);
    this.overLimit = new Uint8Array(n);
    this.noBenefit = new Uint8Array(n);
    this.exhausted = new Uint8Array(n);
    this.decision = new Int32Array(n);
    this.same = new Int32Array(n);
    this.causes = new Int32Array(n * (L + 4));

    // The base: published weights, unperturbed (α as the engine has it).
    for (const g of this.groups) {
      g.iw.set(g.group.basis.indicatorWeight);
      g.ow.set(g.group.basis.objectiveWeight);
    }
    this.decide();
    this.base = {
      truths: this.truths.slice(),
      pass: this.pass.slice(),
      overLimit: this.overLimit.slice(),
      noBenefit: this.noBenefit.slice(),
      exhausted: this.exhausted.slice(),
      decision: this.decision.slice(),
    };
  }

  get drawsDone(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.options.draws;
  }

  /** Runs up to `count` more draws; returns how many are done. */
  step(count: number): number {
    const end = Math.min(this.options.draws, this.done + count);
    const L = this.leaves.length;
    const n = this.codes.length;
    const base = this.base;
    for (; this.done < end; this.done++) {
      for (const g of this.groups) {
        perturbWeightsInto(g.group.basis, this.random, this.options.spread, 'all', g.iw, g.ow);
        // At spread 0 the weights are the published ones, α included, bit for bit.
        if (this.options.spread > 0) {
          let sum = 0;
          for (let o = 0; o < g.ow.length; o++) sum += g.ow[o]!;
          for (let o = 0; o < g.ow.length; o++) g.alpha[o] = g.ow[o]! / sum;
        }
      }
      this.decide();
      for (let c = 0; c < n; c++) {
        if (this.decision[c] === base.decision[c]) {
          this.same[c]!++;
          continue;
        }
        let cause = -1;
        if (this.pass[c] !== base.pass[c]) {
          for (const l of this.movingLeaves) {
            if (this.truths[c * L + l] !== base.truths[c * L + l]) {
              cause = l;
              break;
            }
          }
        } else if (this.overLimit[c] !== base.overLimit[c]) cause = L;
        else if (this.noBenefit[c] !== base.noBenefit[c]) cause = L + 1;
        else if (this.exhausted[c] !== base.exhausted[c]) cause = L + 2;
        else cause = L + 3;
        if (cause >= 0) this.causes[c * (L + 4) + cause]!++;
      }
    }
    return this.done;
  }

  /** Per candidate (in stakeholder code order): the base decision, its stability and what flips it. */
  result(): StakeholderRobustness[] {
    const L = this.leaves.length;
    const draws = this.done;
    const tiered = this.tiers !== null;
    const kinds: FlipCause['kind'][] = ['county_limit', 'benefit', 'budget', 'tier'];
    return this.codes.map((stakeholder, c) => {
      const decision = this.base.decision[c]!;
      const stability = draws === 0 ? 1 : this.same[c]! / draws;
      let best = -1;
      for (let k = 0; k < L + 4; k++) if (this.causes[c * (L + 4) + k]! > (best < 0 ? 0 : this.causes[c * (L + 4) + best]!)) best = k;
      let flip: FlipCause | null = null;
      if (best >= 0) {
        const share = this.causes[c * (L + 4) + best]! / draws;
        flip = best < L ? { kind: 'clause', share, path: this.leaves[best]!.path } : { kind: kinds[best - L]!, share };
      }
      return { stakeholder, eligible: decision > 0, tier: tiered && decision > 0 ? decision - 1 : null, stability, fragile: stability < FRAGILE_BELOW, flip };
    });
  }

  /** Scores under the groups' current weights, then every candidate's decision. */
  private decide(): void {
    const need = this.need;
    for (const g of this.groups) {
      const b = g.group.basis;
      const O = b.objectiveCount;
      for (let r = 0; r < b.rowCount; r++) {
        const c = aggregateRow(b, g.values, g.logValues, g.iw, g.ow, r, g.objectives, r * O);
        g.composite[r] = g.baseNull[r] ? NaN : c;
      }
      if (need.percentile) rankDescendingInto(g.composite, g.rankScratch, g.percentile);
      if (need.county) {
        for (const rows of g.counties) {
          const m = rows.length;
          const values = new Float64Array(m);
          for (let i = 0; i < m; i++) values[i] = g.composite[rows[i]!]!;
          const ranks = new Float64Array(m);
          const percentiles = new Float64Array(m);
          rankDescendingInto(values, ranks, percentiles);
          for (let i = 0; i < m; i++) g.countyPercentile[rows[i]!] = percentiles[i]!;
        }
      }
      const couplingOut = new Float64Array(3);
      for (let r = 0; r < b.rowCount; r++) {
        const c = g.candidate[r]!;
        if (c < 0) continue;
        const view = this.views[c]!;
        const composite = g.composite[r]!;
        view.composite = composite === composite ? composite : null;
        if (need.grade) {
          const gi = composite === composite ? gradeIndexFor(composite, g.gradeBands) : -1;
          view.grade = gi >= 0 ? b.gradeCodes[gi]! : null;
        }
        if (need.percentile) view.percentile = g.percentile[r]! === g.percentile[r]! ? g.percentile[r]! : null;
        if (need.county && view.countyPercentile !== undefined) view.countyPercentile = g.countyPercentile[r]! === g.countyPercentile[r]! ? g.countyPercentile[r]! : null;
        for (const o of g.readObjectives) {
          const s = g.objectives[r * O + o]!;
          view.objectives[g.group.objectiveCodes[o]!] = s === s ? s : null;
        }
        if (need.coupling) {
          let all = O > 0;
          for (let o = 0; o < O; o++) if (g.objectives[r * O + o]! !== g.objectives[r * O + o]!) all = false;
          if (all) {
            couplingInto(g.objectives, r * O, O, g.alpha, b.scale, couplingOut);
            view.couplingClass = couplingClassOf(couplingOut[2]!);
          } else view.couplingClass = null;
        }
      }
    }

    const L = this.leaves.length;
    const n = this.codes.length;
    const program = this.program;
    const benefits = this.benefits;
    const requests: AllocationRequest[] = [];
    for (let c = 0; c < n; c++) {
      const view = this.views[c]!;
      for (const l of this.movingLeaves) this.truths[c * L + l] = truthCode(exprTruth(this.leafExprs[c * L + l]!, view));
      const pass = nodeTruth(this.tree, this.truths, c * L) === PASS;
      this.pass[c] = pass ? 1 : 0;
      this.overLimit[c] = 0;
      this.exhausted[c] = 0;
      this.noBenefit[c] = 0;
      benefits[c] = null;
      if (!pass) continue;
      const demands = this.demands[c];
      const benefit = !demands ? benefitFor(program.benefit, view) : this.tiers ? demands[1 + tierIndexOf(this.tiers, view.composite)]! : demands[0]!;
      benefits[c] = benefit;
      if (benefit.amount !== null) requests.push({ stakeholder: view.stakeholder, composite: view.composite, demand: benefit.amount });
      if (benefit.title === null && (benefit.note || (benefit.rate === null && (benefit.amount ?? 0) <= 0))) this.noBenefit[c] = 1;
    }

    // Commendations: at most N per county, best composite first (budget.ts's rank order).
    if (program.benefit.kind === 'title' && program.benefit.maxPerCounty !== null) {
      const max = program.benefit.maxPerCounty;
      const passing: number[] = [];
      for (let c = 0; c < n; c++) if (this.pass[c]) passing.push(c);
      const composite = (c: number) => this.views[c]!.composite;
      passing.sort((a, b) => {
        const x = composite(a);
        const y = composite(b);
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
        } else if (x !== y) return y - x;
        return a - b; // candidates are in code order
      });
      const taken = new Int32Array(this.countyCount);
      for (const c of passing) if (++taken[this.countyIndex[c]!]! > max) this.overLimit[c] = 1;
    }

    const lastAward = 'lastAward' in program.benefit ? program.benefit.lastAward : 'partial';
    for (const a of allocateBudget(requests, program.budget, program.allocation ?? 'rank', lastAward)) {
      if (a.demand > 0 && a.allocated <= 0) this.exhausted[this.codeIndex.get(a.stakeholder)!] = 1;
    }

    for (let c = 0; c < n; c++) {
      const benefit = benefits[c];
      let eligible = false;
      if (this.pass[c] && !this.overLimit[c] && benefit) eligible = benefit.title !== null || (!this.noBenefit[c] && !this.exhausted[c]);
      const tier = eligible && this.tiers !== null ? tierIndexOf(this.tiers, this.views[c]!.composite) : 0;
      this.decision[c] = eligible ? 1 + tier : 0;
    }
  }
}

/** Runs a whole check, reporting the share of draws done after each chunk. */
export function checkRobustness(
  program: ProgramCore,
  inputs: readonly EligibilityInput[],
  groups: readonly RobustnessGroup[],
  options: RobustnessOptions,
  onProgress: (fraction: number) => void = () => {},
): StakeholderRobustness[] {
  const check = new RobustnessCheck(program, inputs, groups, options);
  const chunk = Math.max(1, Math.ceil(options.draws / 20));
  while (!check.finished) onProgress(check.step(chunk) / options.draws);
  return check.result();
}
