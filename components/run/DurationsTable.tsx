import { Fragment } from 'react';
import { ExportButtons } from '@/components/ui/ExportButtons';
import { Panel } from '@/components/ui/Panel';
import { formatCount, formatPercent, formatSeconds } from '@/lib/format';
import type { StatsRow, WorkloadStats } from '@/lib/apiTypes';
import { exportFileName, toCsv } from '@/lib/csv';

const COLS = [
  { key: 'min', label: 'Min (s)' },
  { key: 'median', label: 'Median (s)' },
  { key: 'p90', label: '90%ile (s)' },
  { key: 'p95', label: '95%ile (s)' },
  { key: 'max', label: 'Max (s)' },
  { key: 'mean', label: 'Avg (s)' },
] as const;

function Rows({ row, depth, total = false }: { row: StatsRow; depth: number; total?: boolean }) {
  return (
    <Fragment>
      <tr
        data-row-name={row.name}
        className={`border-b border-border last:border-b-0 ${total && depth === 0 ? 'bg-surface-2/70 font-semibold' : ''} hover:bg-surface-2/50`}
      >
        <th
          scope="row"
          className={`sticky left-0 py-2 pr-4 ${total && depth === 0 ? 'bg-surface-2' : 'bg-surface'} text-left font-mono text-[12px] font-normal whitespace-nowrap`}
          style={{ paddingLeft: 16 + depth * 18 }}
        >
          {depth > 0 && <span className="mr-1.5 text-faint">└</span>}
          <span className={total && depth === 0 ? 'font-semibold' : ''}>{row.name}</span>
        </th>
        {COLS.map((c) => (
          <td
            key={c.key}
            className="px-3 py-2 text-right tabular-nums"
            title={row[c.key] == null ? undefined : `${row[c.key]} s`}
          >
            {row[c.key] == null ? (
              <span className="text-faint">n/a</span>
            ) : (
              formatSeconds(row[c.key])
            )}
          </td>
        ))}
        <td
          className={`px-3 py-2 text-right tabular-nums ${row.success != null && row.success < 100 ? 'text-bad' : ''}`}
        >
          {row.success == null ? (
            <span className="text-faint">n/a</span>
          ) : (
            formatPercent(row.success)
          )}
        </td>
        <td className="px-4 py-2 text-right tabular-nums">{formatCount(row.count)}</td>
      </tr>
      {row.children.map((c) => (
        <Rows key={`${row.name}/${c.name}`} row={c} depth={depth + 1} total={total} />
      ))}
    </Fragment>
  );
}

const CSV_HEADER = ['action', 'parent', ...COLS.map((c) => c.key), 'success', 'count'];

/**
 * The table as CSV: one record per row, nested rows after their parent (named in `parent`), at
 * the API's full precision (GET /api/runs/:id `stats`), not the 3 decimals shown.
 */
export function durationsCsv(stats: WorkloadStats): string {
  const records: (string | number | null)[][] = [];
  const add = (row: StatsRow, parent: string | null) => {
    records.push([row.name, parent, ...COLS.map((c) => row[c.key]), row.success, row.count]);
    for (const c of row.children) add(c, row.name);
  };
  for (const r of stats.actions) add(r, null);
  add(stats.total, null);
  return toCsv(CSV_HEADER, records);
}

/** Rally's "Total durations" table: per atomic action (nested), then total with its parts. */
export function DurationsTable({
  stats,
  exportName = [],
}: {
  stats: WorkloadStats;
  /** What the CSV file is named after, e.g. [run id, scenario]. */
  exportName?: string[];
}) {
  return (
    <Panel
      title="Total durations"
      subtitle="Seconds, rounded to 3 decimals as in Rally's report; failed iterations included in min/max/avg"
      bodyClassName="overflow-x-auto"
      actions={
        <ExportButtons
          csv={{
            filename: exportFileName([...exportName, 'durations'], 'csv'),
            build: () => durationsCsv(stats),
            title: 'Download the table as CSV (full precision)',
          }}
        />
      }
    >
      <table
        className="w-full min-w-[760px] border-collapse text-[13px]"
        data-testid="durations-table"
      >
        <thead>
          <tr className="border-b border-border text-xs text-muted">
            <th scope="col" className="py-2 pr-4 pl-4 text-left font-medium">
              Action
            </th>
            {COLS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className="px-3 py-2 text-right font-medium whitespace-nowrap"
              >
                {c.label}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Success
            </th>
            <th scope="col" className="px-4 py-2 text-right font-medium">
              Count
            </th>
          </tr>
        </thead>
        <tbody>
          {stats.actions.map((r) => (
            <Rows key={r.name} row={r} depth={0} />
          ))}
          <Rows row={stats.total} depth={0} total />
        </tbody>
      </table>
    </Panel>
  );
}
