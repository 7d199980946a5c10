// The summary-table CSV (issue 4; docs/formats.md "Summary CSV"): results that exist only as
// published numbers. One row per run and metric; rows with the same `run` form one run. Columns:
// `run`, `metric`, `value`, `unit` (required, any order) and any factor column named like
// lib/factors.ts (`backend`, `backend_nodes`, `replication`, `sites`, `rtt_ms`, …). An empty
// factor cell (or `unknown`) means the row does not state it.
import type { Factor, FactorValue, Metric } from '@/lib/apiTypes';
import { type FactorKey, canonicalJson, isFactorKey, parseFactorText } from '@/lib/factors';
import type { ParseWarning } from '@/ingest/model';
import { type CsvField, CsvContentError, readCsv } from './csv';

export { CsvContentError } from './csv';

export const SUMMARY_REQUIRED_COLUMNS = ['run', 'metric', 'value', 'unit'] as const;

export interface SummaryRun {
  name: string;
  /** 1-based lines of its rows. */
  lines: number[];
  metrics: Metric[];
  /** Factors the rows state, each with its source `<file>:<column>`. */
  factors: Partial<Record<FactorKey, Factor>>;
}

export interface SummaryTable {
  runs: SummaryRun[];
  /** The factor columns, in file order. */
  factorColumns: FactorKey[];
}

export interface SummaryParseResult {
  value: SummaryTable;
  warnings: ParseWarning[];
  format: 'summary-csv';
  formatVersion: '1';
}

export interface SummaryOptions {
  /** Shown in factor sources (`seed-table2.csv:backend`). */
  fileName?: string;
}

/** True when the first line looks like a summary table header (for detection by content). */
export function detectSummaryCsv(head: Uint8Array | string): boolean {
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head.subarray(0, 4096));
  const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  const cols = new Set(first.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase()));
  return SUMMARY_REQUIRED_COLUMNS.every((c) => cols.has(c));
}

export function parseSummaryCsv(
  input: string | Uint8Array,
  opts: SummaryOptions = {},
): SummaryParseResult {
  const file = opts.fileName ?? 'summary.csv';
  const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  const warnings: ParseWarning[] = [];
  const records = readCsv(text);
  const header = records[0];
  if (!header) throw new CsvContentError('empty CSV: a header row is expected', 1, null);

  // Header: required columns, factor columns, and anything else (ignored with a warning).
  const columns = new Map<string, number>();
  const factorColumns: { key: FactorKey; index: number }[] = [];
  header.fields.forEach((f, index) => {
    const name = f.text.trim().toLowerCase();
    if (name === '') throw new CsvContentError('empty column name', f.line, f.column);
    if (columns.has(name))
      throw new CsvContentError(`column ${name} appears twice`, f.line, f.column);
    columns.set(name, index);
    if (isFactorKey(name)) factorColumns.push({ key: name, index });
    else if (!(SUMMARY_REQUIRED_COLUMNS as readonly string[]).includes(name)) {
      warnings.push({
        message: `column ${name} is neither required nor a factor: ignored`,
        at: `line ${f.line}, column ${f.column}`,
      });
    }
  });
  for (const c of SUMMARY_REQUIRED_COLUMNS) {
    if (!columns.has(c)) {
      throw new CsvContentError(
        `missing column ${c} (required: ${SUMMARY_REQUIRED_COLUMNS.join(', ')})`,
        header.line,
        null,
      );
    }
  }
  const col = (name: (typeof SUMMARY_REQUIRED_COLUMNS)[number]) => columns.get(name)!;

  const runs = new Map<string, SummaryRun>();
  const factorSeen = new Map<string, { value: FactorValue; line: number }>();
  const metricSeen = new Map<string, number>();
  for (const record of records.slice(1)) {
    if (record.fields.length !== header.fields.length) {
      const last = record.fields[record.fields.length - 1]!;
      throw new CsvContentError(
        `${record.fields.length} fields where the header has ${header.fields.length}`,
        record.line,
        record.fields.length > header.fields.length
          ? record.fields[header.fields.length]!.column
          : last.column,
      );
    }
    const cell = (index: number): CsvField => record.fields[index]!;
    const runCell = cell(col('run'));
    const name = runCell.text.trim();
    if (name === '') throw new CsvContentError('empty run name', runCell.line, runCell.column);
    const metricCell = cell(col('metric'));
    const metric = metricCell.text.trim();
    if (metric === '')
      throw new CsvContentError('empty metric name', metricCell.line, metricCell.column);
    const valueCell = cell(col('value'));
    const value = parseNumber(valueCell.text);
    if (value === null) {
      throw new CsvContentError(
        `value ${JSON.stringify(valueCell.text)} is not a number`,
        valueCell.line,
        valueCell.column,
      );
    }
    const unitCell = cell(col('unit'));
    const unit = unitCell.text.trim();
    if (unit === '')
      throw new CsvContentError(
        'empty unit (e.g. s, ms, %, count)',
        unitCell.line,
        unitCell.column,
      );

    let run = runs.get(name);
    if (!run) {
      run = { name, lines: [], metrics: [], factors: {} };
      runs.set(name, run);
    }
    run.lines.push(record.line);
    const metricKey = `${name}\n${metric}`;
    const twice = metricSeen.get(metricKey);
    if (twice !== undefined) {
      throw new CsvContentError(
        `metric ${metric} of run ${name} is already given on line ${twice}`,
        metricCell.line,
        metricCell.column,
      );
    }
    metricSeen.set(metricKey, record.line);
    run.metrics.push({ name: metric, value, unit });

    for (const { key, index } of factorColumns) {
      const f = cell(index);
      let parsed: FactorValue;
      try {
        parsed = parseFactorText(key, f.text);
      } catch (e) {
        throw new CsvContentError(
          `${key} ${JSON.stringify(f.text)}: ${describeError(e)}`,
          f.line,
          f.column,
        );
      }
      if (parsed === null) continue;
      const seenKey = `${name}\n${key}`;
      const before = factorSeen.get(seenKey);
      if (before && canonicalJson(before.value) !== canonicalJson(parsed)) {
        throw new CsvContentError(
          `run ${name} has ${key} ${canonicalJson(before.value)} on line ${before.line} but ${canonicalJson(parsed)} here`,
          f.line,
          f.column,
        );
      }
      if (!before) {
        factorSeen.set(seenKey, { value: parsed, line: record.line });
        run.factors[key] = { value: parsed, source: `${file}:${key}` };
      }
    }
  }
  if (runs.size === 0)
    warnings.push({ message: 'the table has a header but no rows', at: 'line 2' });
  return {
    value: { runs: [...runs.values()], factorColumns: factorColumns.map((c) => c.key) },
    warnings,
    format: 'summary-csv',
    formatVersion: '1',
  };
}

/** A plain decimal number (`322`, `-1.5`, `4.2e3`); no thousands separators, no units. */
function parseNumber(raw: string): number | null {
  const t = raw.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

function describeError(e: unknown): string {
  if (
    e &&
    typeof e === 'object' &&
    'issues' in e &&
    Array.isArray((e as { issues: unknown[] }).issues)
  ) {
    const issue = (e as { issues: { message: string }[] }).issues[0];
    if (issue) return issue.message;
  }
  return e instanceof Error ? e.message : String(e);
}
