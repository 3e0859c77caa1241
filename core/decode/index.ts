// Values files without I/O: bytes (CSV in UTF-8, UTF-16 or GB18030, or XLSX) → a checked values
// matrix, every problem a code with parameters that the message catalogs translate. Pure code:
// the CLI, the server and the browser import it.
export { CsvSyntaxError, parseCsv, scanCsv, type CsvReceiver } from './csv';
export { parseDecimal, parseNumberCell, type Cell } from './numbers';
export { columnLetter, located, type DecodeProblem, type DecodeProblemCode, type Located, type ProblemParams } from './problems';
export { decodeText, ENCODING_CHOICES, type Encoding, type EncodingChoice } from './text';
export { HELP_ROW_MARK, ValuesTableReader, type ValuesRead, type ValuesReadOptions } from './values-table';
export { headerKey, type IndicatorNames } from './values-header';
export type { RowTexts } from './values-texts';
export { readValuesCsv, readValuesFile, readValuesTable, type ValuesFileRead } from './values-file';
export { readTableFile, type TableFileRead, type TextRecord } from './table-file';
