// The check behind the dry run, the import and the bulk registration: each row against the rules
// of the stakeholder form (credit code with its check character, names, phone) and against what
// the database holds (type, township: known, a township, not retired, in the caller's scope;
// duplicates by stakeholder code and credit code, in the file and registered already). The keys
// are loaded once, so a 100,000-row file costs a few queries, not one per row.
import 'server-only';
import type { DbOrTx } from '@/db';
import type { SessionUser } from '@/server/auth/session';
import { registeredKeys, regionsByCode, stakeholderTypeNames, type RegistryRegion } from '@/server/queries/stakeholder-registry';
import { lastStakeholderSerial, stakeholderCodeOf } from '@/server/queries/stakeholders';
import { located, type ProblemParams } from '@/core/decode';
import { creditCodeProblem } from '@/core/domain/credit-code';
import { STAKEHOLDER_TYPES, type StakeholderType } from '@/core/domain/enums';
import { PHONE_PATTERN } from '@/core/schemas/org';
import {
  REGISTRY_MAX_LENGTH,
  type RegistryColumn,
  type RegistryProblem,
  type RegistryProblemCode,
  type RegistryReport,
  type RegistryRowInput,
} from '@/core/schemas/stakeholder-registry';

/** A stakeholder that will be registered. */
export type PlannedStakeholder = {
  row: number;
  /** Given in the file, or generated (see assignCodes) once every row is checked. */
  code: string | null;
  name: string;
  nameEn: string | null;
  type: StakeholderType;
  regionId: number;
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
};

export type CodedStakeholder = PlannedStakeholder & { code: string };

export const MAX_PROBLEMS = 500;

export function emptyReport(): RegistryReport {
  return { ok: false, format: null, encoding: null, rows: 0, creates: 0, problems: [], moreProblems: 0, warnings: [] };
}

/** Adds a problem to the report; beyond the cap only a count is kept. */
export function problemAdder(report: RegistryReport) {
  return (p: RegistryProblem) => {
    if (report.problems.length < MAX_PROBLEMS) report.problems.push(p);
    else report.moreProblems++;
  };
}

/** Reports a problem of the row at a column. */
type Fail = (code: RegistryProblemCode, column: RegistryColumn, params?: ProblemParams) => void;

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const TOWNSHIP_CODE = /^\d{9}$/;

function text(value: string | null | undefined): string {
  return (value ?? '').trim();
}

/**
 * Checks rows one at a time, every rule of a row each time (one pass lists all its problems).
 * `columnOf` names a field's column for the report (a file's header, or the field's name).
 */
export class RegistryChecker {
  private readonly keys: ReturnType<typeof registeredKeys>;
  private readonly regions: Map<string, RegistryRegion>;
  private readonly types = new Map<string, StakeholderType>();
  private readonly firstRowByCode = new Map<string, number>();
  private readonly firstRowByCreditCode = new Map<string, number>();

  constructor(
    private readonly db: DbOrTx,
    private readonly me: SessionUser,
    private readonly add: (p: RegistryProblem) => void,
    private readonly columnOf: (column: RegistryColumn) => string | undefined,
  ) {
    this.keys = registeredKeys(db, me);
    this.regions = regionsByCode(db);
    for (const t of stakeholderTypeNames(db)) {
      this.types.set(t.code, t.code);
      this.types.set(t.nameZh, t.code);
      this.types.set(t.nameEn.toLowerCase(), t.code);
    }
  }

  private problem(code: RegistryProblemCode, row: number, column: RegistryColumn, params?: ProblemParams): void {
    this.add(located(code, params, row, this.columnOf(column)));
  }

  check(input: RegistryRowInput): PlannedStakeholder | null {
    const row = input.row;
    let ok = true;
    const fail: Fail = (code, column, params) => {
      this.problem(code, row, column, params);
      ok = false;
    };
    const name = text(input.nameZh);
    if (!name) fail('required', 'name_zh');
    else if (name.length > REGISTRY_MAX_LENGTH.name_zh) fail('too_long', 'name_zh', { max: REGISTRY_MAX_LENGTH.name_zh });
    const nameEn = text(input.nameEn);
    if (nameEn.length > REGISTRY_MAX_LENGTH.name_en) fail('too_long', 'name_en', { max: REGISTRY_MAX_LENGTH.name_en });
    const contactName = text(input.contactName);
    if (contactName.length > REGISTRY_MAX_LENGTH.contact_name) fail('too_long', 'contact_name', { max: REGISTRY_MAX_LENGTH.contact_name });
    const contactPhone = text(input.contactPhone);
    if (contactPhone && !PHONE_PATTERN.test(contactPhone)) fail('bad_phone', 'contact_phone', { value: contactPhone });

    const typeText = text(input.type);
    const type = this.types.get(typeText) ?? this.types.get(typeText.toLowerCase()) ?? null;
    if (!typeText) fail('required', 'type');
    else if (!type) fail('unknown_type', 'type', { value: typeText, allowed: STAKEHOLDER_TYPES.join(', ') });

    const region = this.township(text(input.townshipCode), fail);
    const code = this.code(text(input.code), row, fail);
    const creditCode = this.creditCode(text(input.creditCode).toUpperCase(), row, fail);
    if (!ok || !type || !region || code === undefined || creditCode === undefined) return null;
    return { row, code, name, nameEn: nameEn || null, type, regionId: region.id, creditCode, contactName: contactName || null, contactPhone: contactPhone || null };
  }

  /** The township the row names, or null (the problem is reported). */
  private township(value: string, fail: Fail): RegistryRegion | null {
    if (!value) {
      fail('required', 'township_code');
      return null;
    }
    if (!TOWNSHIP_CODE.test(value)) {
      fail('bad_township_code', 'township_code', { value });
      return null;
    }
    const region = this.regions.get(value);
    if (!region) {
      fail('unknown_township', 'township_code', { value });
      return null;
    }
    if (region.level !== 'township') {
      fail('not_township', 'township_code', { value, level: region.level });
      return null;
    }
    const inScope = this.me.role === 'admin' || (this.me.role === 'assessor' && this.me.regionPaths.some((p) => region.path.startsWith(p)));
    if (!inScope) {
      fail('township_out_of_scope', 'township_code', { value });
      return null;
    }
    if (region.retired) {
      fail('township_retired', 'township_code', { value });
      return null;
    }
    return region;
  }

  /** The code the row gives (null: to be generated), or undefined when it cannot be used. */
  private code(value: string, row: number, fail: Fail): string | null | undefined {
    if (!value) return null;
    if (!CODE_PATTERN.test(value)) {
      fail('bad_code', 'code', { value });
      return undefined;
    }
    const first = this.firstRowByCode.get(value);
    if (first !== undefined) {
      fail('duplicate_in_file', 'code', { value, first });
      return undefined;
    }
    this.firstRowByCode.set(value, row);
    // A code names nobody by itself: saying it is taken tells nothing about a stakeholder.
    if (this.keys.byCode.has(value)) {
      fail('code_taken', 'code', { value });
      return undefined;
    }
    return value;
  }

  /** The credit code (null when the cell is empty), or undefined when it cannot be used. */
  private creditCode(value: string, row: number, fail: Fail): string | null | undefined {
    if (!value) return null;
    const bad = creditCodeProblem(value);
    if (bad) {
      if (bad.kind === 'length') fail('credit_code_length', 'credit_code', { value, length: bad.length });
      else if (bad.kind === 'character') fail('credit_code_character', 'credit_code', { value, position: bad.position, char: bad.char });
      else if (bad.kind === 'division') fail('credit_code_division', 'credit_code', { value });
      else fail('credit_code_check', 'credit_code', { value, expected: bad.expected, actual: bad.actual });
      return undefined;
    }
    const first = this.firstRowByCreditCode.get(value);
    if (first !== undefined) {
      fail('duplicate_in_file', 'credit_code', { value, first });
      return undefined;
    }
    this.firstRowByCreditCode.set(value, row);
    const registered = this.keys.byCreditCode.get(value);
    // Outside the caller's scope the stakeholder is not named: only that the code is taken.
    if (registered?.inScope) {
      fail('credit_code_taken', 'credit_code', { value, code: registered.code });
      return undefined;
    }
    if (registered) {
      fail('credit_code_taken_elsewhere', 'credit_code', { value });
      return undefined;
    }
    return value;
  }

  /** Gives each planned stakeholder without a code the next free one of its type, in row order. */
  assignCodes(planned: PlannedStakeholder[]): CodedStakeholder[] {
    const serial = new Map<StakeholderType, number>();
    const given = new Set(planned.flatMap((p) => (p.code ? [p.code] : [])));
    for (const p of planned) {
      if (p.code) continue;
      let n = serial.get(p.type) ?? lastStakeholderSerial(this.db, p.type);
      let code: string;
      do code = stakeholderCodeOf(p.type, ++n);
      while (given.has(code) || this.keys.byCode.has(code));
      serial.set(p.type, n);
      p.code = code;
    }
    return planned as CodedStakeholder[];
  }
}
