// CSV export of tables and chart data (issue 6, "Export"): RFC 4180 text with a header row.
// Numbers are written at full precision, exactly as JSON.stringify writes them, so a value in the
// CSV equals the one the API returns (the pages round for display, the export does not).

export type CsvCell = string | number | boolean | null | undefined;

/** A column of a table export: the header text and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvCell;
}

/** RFC 4180 §2: records end with CRLF. */
const EOL = '\r\n';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
 * Run and campaign names come from uploads, so a text cell starting with one is prefixed with
 * an apostrophe, which spreadsheets show as text. Numbers are never touched.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field: text as is, numbers at full precision, null and undefined as an empty field. */
export function csvField(value: CsvCell, { escapeFormulas = true } = {}): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    // NaN and ±Infinity do not exist in JSON either (it writes null): an empty field.
    if (!Number.isFinite(value)) return '';
    // Shortest round-trip form, as JSON: 5.841000000000001 stays so, -0 becomes 0.
    text = JSON.stringify(value);
  } else if (typeof value === 'boolean') {
    text = value ? 'true' : 'false';
  } else {
    text = escapeFormulas && FORMULA_START.test(value) ? `'${value}` : value;
  }
  // RFC 4180 §2.6–2.7: fields with a quote, a comma or a line break are quoted, quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header row, then one record per row, each ending with CRLF. */
export function toCsv(
  header: readonly string[],
  rows: readonly (readonly CsvCell[])[],
  options?: { escapeFormulas?: boolean },
): string {
  const head = header.map((h) => csvField(h, { escapeFormulas: false })).join(',');
  const lines = rows.map((cells) => cells.map((c) => csvField(c, options)).join(','));
  return [head, ...lines].join(EOL) + EOL;
}

/** A CSV document from objects and column definitions. */
export function tableToCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return toCsv(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
}

/**
 * Parses RFC 4180 text into records of fields (quoted fields, doubled quotes, CRLF or LF line
 * ends). A trailing line end does not make an empty record. Used by tests and by anything that
 * reads an export back.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRecord();
      i += 1;
    } else if (ch === '\n' || ch === '\r') endRecord();
    else field += ch;
    i += 1;
  }
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** A file name from parts: letters, digits, dots, dashes and underscores only. */
export function exportFileName(parts: readonly (string | null | undefined)[], ext: string): string {
  const base = parts
    .filter((p): p is string => Boolean(p))
    .map((p) =>
      p
        .replace(/[^0-9A-Za-z._-]+/g, '-')
        .replace(/-+/g, '-')
        .replace(/^-|-$/g, ''),
    )
    .filter(Boolean)
    .join('_')
    .slice(0, 150);
  return `${base || 'edgeperf'}.${ext}`;
}
