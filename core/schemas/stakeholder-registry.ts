// The stakeholder registry import: its columns and their headers in English and Chinese, what it
// can find wrong (codes the catalogs translate, `stakeholders.registry.problems.<code>`), the
// report of a check and the procedures' input. Shared by the service, the procedures and the page.
import * as z from 'zod';
import type { DecodeProblemCode, Encoding, Located } from '@/core/decode';
import { MAX_IMPORT_BYTES } from '@/core/domain/imports';

export const REGISTRY_COLUMNS = ['code', 'credit_code', 'name_zh', 'name_en', 'type', 'township_code', 'contact_name', 'contact_phone'] as const;
export type RegistryColumn = (typeof REGISTRY_COLUMNS)[number];

/** Columns a file must have; the others may be left out. */
export const REQUIRED_REGISTRY_COLUMNS: readonly RegistryColumn[] = ['credit_code', 'name_zh', 'type', 'township_code'];

/** Each column's Chinese header (the template writes "中文 (english)"; either part is recognized). */
export const REGISTRY_HEADERS_ZH: Record<RegistryColumn, string> = {
  code: '主体编码',
  credit_code: '统一社会信用代码',
  name_zh: '名称',
  name_en: '英文名称',
  type: '类型',
  township_code: '乡镇代码',
  contact_name: '联系人',
  contact_phone: '联系电话',
};

/** Other spellings people use for a column's header. */
const ALIASES: Record<string, RegistryColumn> = {
  stakeholder_code: 'code',
  编码: 'code',
  unified_social_credit_code: 'credit_code',
  信用代码: 'credit_code',
  name: 'name_zh',
  中文名称: 'name_zh',
  township: 'township_code',
  乡镇: 'township_code',
  contact: 'contact_name',
  phone: 'contact_phone',
  电话: 'contact_phone',
};

/** Longest accepted text per column (as the stakeholder form allows). */
export const REGISTRY_MAX_LENGTH: Record<'name_zh' | 'name_en' | 'contact_name', number> = { name_zh: 120, name_en: 120, contact_name: 60 };

function headerKey(text: string): string {
  return text.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** The column a header names, or null: "统一社会信用代码 (credit_code)", "Credit code", "类型" … */
export function registryColumnOf(header: string): RegistryColumn | null {
  for (const part of [header, ...header.split(/[()（）/|]/)]) {
    const key = headerKey(part);
    if (!key) continue;
    const direct = REGISTRY_COLUMNS.find((c) => c === key || REGISTRY_HEADERS_ZH[c] === key);
    if (direct) return direct;
    if (key in ALIASES) return ALIASES[key]!;
  }
  return null;
}

/** What the registry import itself finds wrong, beyond the file's own problems (core/decode). */
export const REGISTRY_PROBLEM_CODES = [
  'too_large',
  'empty_file',
  'missing_columns',
  'duplicate_column',
  'unknown_column',
  'no_rows',
  'required',
  'too_long',
  'credit_code_length',
  'credit_code_character',
  'credit_code_division',
  'credit_code_check',
  'bad_code',
  'unknown_type',
  'bad_township_code',
  'unknown_township',
  'not_township',
  'township_retired',
  'township_out_of_scope',
  'bad_phone',
  'duplicate_in_file',
  'code_taken',
  'credit_code_taken',
  'credit_code_taken_elsewhere',
] as const;
export type RegistryProblemCode = (typeof REGISTRY_PROBLEM_CODES)[number];

/** One problem: a code with parameters and where (row as a spreadsheet numbers it, column header). */
export type RegistryProblem = Located<DecodeProblemCode | RegistryProblemCode>;

export function isRegistryProblemCode(code: string): code is RegistryProblemCode {
  return (REGISTRY_PROBLEM_CODES as readonly string[]).includes(code);
}

export type RegistryReport = {
  ok: boolean;
  format: 'csv' | 'xlsx' | null;
  encoding: Encoding | null;
  rows: number;
  /** Stakeholders the import would register (rows without a problem). */
  creates: number;
  problems: RegistryProblem[];
  /** Problems beyond the ones listed (the list is capped). */
  moreProblems: number;
  /** Notes that do not stop the import, e.g. a column that is ignored. */
  warnings: RegistryProblem[];
};

/** A row as it reaches the checks: text as typed (a missing column is null). */
export type RegistryRowInput = {
  /** The row number to report problems at (a spreadsheet's, or the position in a list). */
  row: number;
  code?: string | null | undefined;
  creditCode: string | null | undefined;
  nameZh: string | null | undefined;
  nameEn?: string | null | undefined;
  /** A type code or its Chinese or English name. */
  type: string | null | undefined;
  townshipCode: string | null | undefined;
  contactName?: string | null | undefined;
  contactPhone?: string | null | undefined;
};

/** Input of a check or an import over tRPC: the file as base64 (scripts, tests). */
export const registryFileInputSchema = z.object({
  fileName: z.string().max(255).optional(),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4),
});
export type RegistryFileInput = z.infer<typeof registryFileInputSchema>;
