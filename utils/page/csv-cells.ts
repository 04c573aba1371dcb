/**
 * Spreadsheet formula injection: cells that Excel, LibreOffice or Sheets would run as a formula
 * (= + - @, tab, CR, and their full-width forms) get a leading `'` on export; import removes it
 * again, so a round trip keeps the text as it was.
 */

/** Leading characters that make Excel, LibreOffice or Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A cell safe to open in a spreadsheet: a would-be formula gets a leading `'`. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse, for import: a cell we (or a spreadsheet) neutralised comes back as it was. */
export function restoreCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
