// Stakeholder registry import (CSV in UTF-8, UTF-16 or GB18030, or XLSX): the dry run, the
// all-or-nothing import, the template, and the bulk registration the province generator uses.
import 'server-only';
export { checkRegistryImport, registerStakeholders, runRegistryImport, type Registered, type RegistryFileInput } from './run';
export { registryTemplate } from './template';
