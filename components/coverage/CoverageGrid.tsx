'use client';

import Link from 'next/link';
import { heatFill } from '@/components/charts/HeatMap';
import type { Coverage, CoverageCell } from '@/components/hooks/queries/useCoverageQuery';
import {
  compareHref,
  HATCH,
  intensity,
  isUnknownCell,
  MIN_REPETITIONS,
  orderValues,
  runsHref,
  summarize,
  UNKNOWN,
} from './coverageModel';

function ValueLabel({ value }: { value: string }) {
  return value === UNKNOWN ? (
    <span className="italic font-normal text-faint">unknown</span>
  ) : (
    <span>{value}</span>
  );
}

/** The grid: one cell per (row value, column value); scrolls sideways on a phone. */
export function CoverageGrid({ data }: { data: Coverage }) {
  const rows = orderValues(data.rows.values);
  const cols = orderValues(data.cols.values);
  const { maxRuns } = summarize(data);
  const byKey = new Map(data.cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  return (
    <div className="overflow-x-auto px-4 py-4">
      <table
        className="border-separate border-spacing-1 text-[12.5px]"
        data-testid="coverage-grid"
        aria-label={`Runs per ${data.rows.label.toLowerCase()} and ${data.cols.label.toLowerCase()}`}
      >
        <thead>
          <tr>
            <th
              scope="col"
              className="sticky left-0 z-10 bg-surface px-2 pb-1 text-left align-bottom text-[11px] font-medium text-faint"
            >
              <span className="block whitespace-nowrap">{data.rows.label} ↓</span>
              <span className="block whitespace-nowrap">{data.cols.label} →</span>
            </th>
            {cols.map((c) => (
              <th
                key={c}
                scope="col"
                data-col={c}
                className={`min-w-[104px] px-2 pb-1 text-center align-bottom text-xs font-semibold ${c === UNKNOWN ? 'text-faint' : 'text-fg'}`}
              >
                <ValueLabel value={c} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r} data-row={r}>
              <th
                scope="row"
                className={`sticky left-0 z-10 max-w-[180px] truncate bg-surface px-2 text-left text-xs font-semibold ${r === UNKNOWN ? 'text-faint' : 'text-fg'}`}
                title={r}
              >
                <ValueLabel value={r} />
              </th>
              {cols.map((c) => {
                const cell = byKey.get(`${r}\u0000${c}`) ?? { row: r, col: c, runs: [], groups: 0 };
                return <Cell key={c} cell={cell} data={data} maxRuns={maxRuns} />;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Cell({ cell, data, maxRuns }: { cell: CoverageCell; data: Coverage; maxRuns: number }) {
  const n = cell.runs.length;
  const unknown = isUnknownCell(cell);
  const where = `${data.rows.label} ${cell.row}, ${data.cols.label} ${cell.col}`;
  const common = {
    'data-testid': 'coverage-cell',
    'data-row': cell.row,
    'data-col': cell.col,
    'data-runs': n,
    'data-groups': cell.groups,
  };
  if (n === 0) {
    return (
      <td
        {...common}
        data-missing="true"
        title={unknown ? `No run with ${where}` : `Missing: no run with ${where}`}
        className={`h-[62px] rounded-md border border-dashed px-2 text-center align-middle ${unknown ? 'border-border text-faint opacity-70' : 'border-bad/50 text-bad'}`}
        style={unknown ? undefined : { backgroundImage: HATCH }}
      >
        <span className="text-[12px] font-medium">{unknown ? '0' : '0 — missing'}</span>
      </td>
    );
  }
  const t = intensity(n, maxRuns);
  const strong = t > 0.62;
  const few = n < MIN_REPETITIONS;
  const ink = strong && !unknown ? 'text-[var(--accent-fg)]' : 'text-fg';
  return (
    <td
      {...common}
      className={`relative h-[62px] rounded-md p-0 text-center align-middle ${unknown ? 'opacity-60' : ''}`}
      style={{ background: unknown ? 'var(--surface-2)' : heatFill('var(--chart-1)', t) }}
    >
      <div className="flex min-h-[62px] flex-col items-stretch">
        <Link
          href={runsHref(data.rows.key, cell.row, data.cols.key, cell.col)}
          prefetch={false}
          title={`${n} run${n === 1 ? '' : 's'} with ${where}: open them in the runs list`}
          className={`flex flex-1 flex-col items-center justify-center rounded-md px-2 pt-1.5 hover:ring-2 hover:ring-accent ${n > 1 ? 'pb-0.5' : 'pb-1.5'} ${ink}`}
          data-testid="cell-runs-link"
        >
          <span className="text-[15px] font-semibold leading-5 tabular-nums">
            {n} <span className="text-[11px] font-medium">run{n === 1 ? '' : 's'}</span>
          </span>
          {n > 1 && (
            <span className="text-[11px] leading-4 opacity-80" data-testid="cell-groups">
              {cell.groups} group{cell.groups === 1 ? '' : 's'}
            </span>
          )}
        </Link>
        {n > 1 && (
          <Link
            href={compareHref(cell.runs)}
            prefetch={false}
            title={`Compare the ${n} runs of this cell (the first as baseline)`}
            data-testid="cell-compare-link"
            className={`self-center rounded px-1 pb-1 text-[11px] font-medium underline underline-offset-2 hover:no-underline ${strong && !unknown ? ink : 'text-accent'}`}
          >
            compare
          </Link>
        )}
      </div>
      {few && !unknown && (
        <span
          className="pointer-events-none absolute top-1 right-1 rounded-sm bg-warn-soft px-1 text-[9px] font-semibold leading-3 text-warn"
          title={`Fewer than ${MIN_REPETITIONS} repetitions: no verdict on per-run medians`}
        >
          &lt;3
        </span>
      )}
    </td>
  );
}
