// Bulk import of evaluation values (CSV or XLSX in the wide values layout, for the open period
// under the KPI set's version in effect): the dry run, the all-or-nothing import, the template.
export { checkImport, importOptions } from './check';
export { runImport } from './run';
export { importTemplate } from './template';
export type { ImportInput } from './plan';
