// The import template's words in each language. The template is a file, not a page: its words
// live beside it rather than in the message catalogs (as the scorecard exports' do).
import 'server-only';
import type { EvaluationStatus } from '@/core/domain/enums';
import type { Locale } from '@/i18n/config';

export type TemplateWords = {
  valuesSheet: string;
  readOnlySheet: string;
  helpRow: string;
  nameHelp: string;
  evidenceHelp: string;
  noteHelp: string;
  higher: string;
  lower: string;
  integer: string;
  helpTitle: (kpiSet: string, period: string) => string;
  howTo: readonly string[];
  columns: readonly string[];
  yes: string;
  evidenceRequired: string;
  evidenceOptional: string;
  readOnlyNote: string;
  statusColumn: string;
  status: Record<EvaluationStatus, string>;
  otherVersion: string;
};

export const TEMPLATE_WORDS: Record<Locale, TemplateWords> = {
  en: {
    valuesSheet: 'values',
    readOnlySheet: 'read-only',
    helpRow: 'unit · valid range · direction (this row is skipped)',
    nameHelp: 'for reference; not imported',
    evidenceHelp: 'http(s) link · needed to import as submitted',
    noteHelp: 'optional note (at most {max} characters)',
    higher: 'higher is better',
    lower: 'lower is better',
    integer: 'whole number',
    helpTitle: (kpiSet, period) => `Import template: KPI set ${kpiSet}, period ${period}`,
    howTo: [
      '1. Fill in the first sheet: one row per stakeholder. Rows you leave without values are skipped, so fill only the stakeholders you have figures for.',
      '2. Row 1 holds the column keys: keep them. A column may also be headed by the indicator’s Chinese or English name; columns may be moved or left out.',
      '3. Row 2 (starting with “#”) shows each indicator’s unit, valid range and direction; it is skipped on import.',
      '4. “stakeholder” is the stakeholder’s code, its unified social credit code, or its name when no other stakeholder in your scope has that name. “name” is for reference only.',
      '5. Write plain numbers (no units, “%” or thousands separators); leave a cell empty for a missing value.',
      '6. “<code>:note” columns take an optional note, “<code>:evidence” columns an evidence link (http or https). Importing as submitted needs every value and a link wherever evidence is required; any indicator may get an “<code>:evidence” column.',
      '7. Save as XLSX (Excel, WPS, LibreOffice) or as CSV (UTF-8, GB18030 or UTF-16), then check the file on the import page: nothing is imported until the whole file is clean.',
      'Stakeholders whose evaluation is submitted or approved can’t be imported into: they are listed on the read-only sheet.',
    ],
    columns: ['code', 'name (Chinese)', 'name (English)', 'unit', 'valid range', 'direction', 'whole number', 'evidence'],
    yes: 'yes',
    evidenceRequired: 'required to submit',
    evidenceOptional: 'optional',
    readOnlyNote: 'For reference: these evaluations can’t be changed by an import now.',
    statusColumn: 'status',
    status: { draft: 'draft', returned: 'returned', submitted: 'submitted, awaiting review', approved: 'approved' },
    otherVersion: 'started under another version of the KPI set: edit it in the form',
  },
  'zh-CN': {
    valuesSheet: '填报',
    readOnlySheet: '只读',
    helpRow: '单位 · 有效范围 · 方向（导入时跳过本行）',
    nameHelp: '仅供参考，不导入',
    evidenceHelp: 'http(s) 链接 · 以“已提交”导入时必填',
    noteHelp: '备注，可选（最多 {max} 字）',
    higher: '越高越好',
    lower: '越低越好',
    integer: '整数',
    helpTitle: (kpiSet, period) => `导入模板：指标体系 ${kpiSet}，期间 ${period}`,
    howTo: [
      '1. 在第一个工作表中填写：每个主体一行。没有填写任何数值的行导入时会跳过，只需填写有数据的主体。',
      '2. 第 1 行是列标识，请保留。列标题也可以写指标的中文名或英文名；列可以调换顺序，也可以删除。',
      '3. 第 2 行（以“#”开头）列出每个指标的单位、有效范围和方向，导入时跳过。',
      '4. “stakeholder”列填主体编码、统一社会信用代码，或在您的管辖范围内唯一的主体名称；“name”列仅供参考。',
      '5. 只填纯数字（不带单位、“%”或千位分隔符）；缺失的数值请留空。',
      '6. “<编码>:note”列填写备注（可选），“<编码>:evidence”列填写佐证链接（http 或 https）。以“已提交”导入时，每个数值都必须填写，须附佐证的指标必须有链接；任何指标都可以加一列“<编码>:evidence”。',
      '7. 保存为 XLSX（Excel、WPS、LibreOffice 均可）或 CSV（UTF-8、GB18030 或 UTF-16），然后在导入页面检查文件：整个文件没有问题才会导入。',
      '已提交或已批准的评估不能通过导入修改，这些主体列在“只读”工作表中。',
    ],
    columns: ['编码', '中文名称', '英文名称', '单位', '有效范围', '方向', '整数', '佐证'],
    yes: '是',
    evidenceRequired: '提交时必填',
    evidenceOptional: '可选',
    readOnlyNote: '仅供参考：这些评估目前不能通过导入修改。',
    statusColumn: '状态',
    status: { draft: '草稿', returned: '已退回', submitted: '已提交，待审核', approved: '已批准' },
    otherVersion: '按指标体系的其他版本填报，请在表单中修改',
  },
};
