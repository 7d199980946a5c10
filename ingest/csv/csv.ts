// RFC 4180 CSV records with the position of every field, for precise errors: fields separated
// by commas, optionally quoted with `"` (a quote inside is doubled), line breaks CRLF, LF or CR
// (also inside quoted fields), a UTF-8 byte order mark ignored.
import { IngestError } from '@/ingest/core/errors';

export class CsvContentError extends IngestError {
  override name = 'CsvContentError';
  constructor(message: string, line: number, column: number | null) {
    super(
      'CSV_SHAPE',
      message,
      column === null ? `line ${line}` : `line ${line}, column ${column}`,
    );
  }
}

export interface CsvField {
  text: string;
  /** 1-based line and column (in characters) where the field starts. */
  line: number;
  column: number;
}

export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/** Splits CSV text into records. Blank lines give no record. */
export function readCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let line = 1;
  let col = 1;
  let i = 0;
  let fields: CsvField[] = [];
  let recordLine = 1;
  const n = src.length;

  const newline = (at: number): number => {
    // Returns the length of the line break at `at` (0 if none).
    const c = src[at];
    if (c === '\r') return src[at + 1] === '\n' ? 2 : 1;
    if (c === '\n') return 1;
    return 0;
  };

  while (i <= n) {
    // Start of a field.
    const fieldLine = line;
    const fieldCol = col;
    let value = '';
    if (src[i] === '"') {
      i++;
      col++;
      for (;;) {
        if (i >= n) throw new CsvContentError('unterminated quoted field', fieldLine, fieldCol);
        const c = src[i]!;
        if (c === '"') {
          if (src[i + 1] === '"') {
            value += '"';
            i += 2;
            col += 2;
            continue;
          }
          i++;
          col++;
          break;
        }
        const nl = newline(i);
        if (nl) {
          value += src.slice(i, i + nl);
          i += nl;
          line++;
          col = 1;
          continue;
        }
        value += c;
        i++;
        col++;
      }
      if (i < n && src[i] !== ',' && !newline(i)) {
        throw new CsvContentError(
          `unexpected ${JSON.stringify(src[i])} after a closing quote`,
          line,
          col,
        );
      }
    } else {
      const start = i;
      while (i < n && src[i] !== ',' && !newline(i)) {
        if (src[i] === '"') {
          throw new CsvContentError(
            'a quote inside an unquoted field (quote the whole field)',
            line,
            col,
          );
        }
        i++;
        col++;
      }
      value = src.slice(start, i);
    }
    fields.push({ text: value, line: fieldLine, column: fieldCol });
    if (i < n && src[i] === ',') {
      i++;
      col++;
      continue;
    }
    // End of record (line break or end of input).
    const blank = fields.length === 1 && fields[0]!.text === '' && src[i - 1] !== '"';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
    if (i >= n) break;
    i += newline(i);
    line++;
    col = 1;
    recordLine = line;
  }
  return records;
}
