'use client';

import { formatCount, formatPercent } from '@/lib/format';
import type { CompareRow, CompareSide } from '@/lib/compareTypes';
import { formatChange, formatInterval, formatP, formatValue, rowLeaf } from './compareFormat';
import { SideLabel } from './SideLabel';
import { VerdictBadge } from './VerdictBadge';

const NA = <span className="text-faint">n/a</span>;

/**
 * Rally's table, side by side: one block per row (action, `total`, `load duration`, a run
 * metric), one line per side, with the contender's change of the median vs the baseline, its
 * 95 % interval, the Mann-Whitney p-value and the verdict. Clicking a block selects its row for
 * the distribution and iteration charts.
 */
export function CompareTable({
  rows,
  sides,
  selected,
  onSelect,
  firstColumn = 'Action',
  testId,
  present,
}: {
  rows: CompareRow[];
  sides: CompareSide[];
  selected: string | null;
  onSelect?: (name: string) => void;
  firstColumn?: string;
  testId?: string;
  /** Sides that have the workload (baseline first); the others get no line. */
  present?: boolean[];
}) {
  const shown = sides
    .map((side, k) => ({ side, k }))
    .filter(({ k }) => k === 0 || (present?.[k] ?? true));
  const units = new Set(rows.map((r) => r.unit));
  const common = units.size === 1 ? [...units][0] : null;
  const u = common ? ` (${common})` : '';
  return (
    <>
      <CompareCards rows={rows} shown={shown} selected={selected} onSelect={onSelect} />
      <div className="hidden overflow-x-auto md:block">
        <table className="w-full min-w-[940px] border-collapse text-[12.5px]" data-testid={testId}>
          <thead>
            <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
              <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
                {firstColumn}
              </th>
              <th scope="col" className="px-2 py-2 text-left font-medium">
                Side
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap">
                Median{u}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap">
                95%ile{u}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap">
                Mean{u}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium">
                Success
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium" title="Values (runs)">
                n
              </th>
              <th
                scope="col"
                className="border-l border-border px-2 py-2 text-right font-medium whitespace-nowrap"
                title="Change of the median vs the baseline"
              >
                Δ median
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium whitespace-nowrap">
                95 % CI
              </th>
              <th scope="col" className="px-2 py-2 text-right font-medium" title="Mann-Whitney U">
                p
              </th>
              <th scope="col" className="py-2 pr-4 pl-2 text-left font-medium">
                Verdict
              </th>
            </tr>
          </thead>
          {rows.map((row) => {
            const isSel = row.name === selected;
            const isTotal = row.name === 'total';
            return (
              <tbody
                key={row.name}
                data-row-name={row.name}
                className={`border-b border-border last:border-b-0 ${
                  isSel ? 'bg-accent-soft/45' : 'hover:bg-surface-2/50'
                }`}
              >
                {shown.map(({ side, k }) => {
                  const s = row.sides[k] ?? null;
                  const c = k === 0 ? null : (row.comparisons[k - 1] ?? null);
                  const cell = 'px-2 py-1.5 text-right tabular-nums whitespace-nowrap';
                  return (
                    <tr key={side.id} data-side={side.id}>
                      {k === 0 && (
                        <th
                          scope="rowgroup"
                          rowSpan={shown.length}
                          className="py-1.5 pr-3 text-left align-top font-normal"
                          style={{ paddingLeft: 16 + row.depth * 16 }}
                        >
                          {onSelect ? (
                            <button
                              type="button"
                              aria-pressed={isSel}
                              onClick={(e) => {
                                e.stopPropagation();
                                onSelect(row.name);
                              }}
                              title={`${row.name}: show its distributions`}
                              className={`max-w-[260px] truncate text-left font-mono text-[12px] hover:text-accent ${
                                isSel ? 'font-semibold text-accent' : 'text-fg'
                              } ${isTotal ? 'font-semibold' : ''}`}
                            >
                              {row.depth > 0 && <span className="mr-1 text-faint">└</span>}
                              {rowLeaf(row.name)}
                            </button>
                          ) : (
                            <span className="font-mono text-[12px] font-semibold">{row.name}</span>
                          )}
                          {!common && (
                            <span className="ml-1 text-[11px] text-faint">({row.unit})</span>
                          )}
                        </th>
                      )}
                      <td className="px-2 py-1.5 text-[12px]">
                        <SideLabel side={side} index={k} maxWidth={170} />
                      </td>
                      {s == null || s.n === 0 ? (
                        <td colSpan={5} className="px-2 py-1.5 text-right text-[12px] text-faint">
                          not on this side
                        </td>
                      ) : (
                        <>
                          <td className={`${cell} font-medium`} title={`${s.median} ${row.unit}`}>
                            {formatValue(s.median, row.unit)}
                          </td>
                          <td className={cell}>{formatValue(s.p95, row.unit)}</td>
                          <td className={cell}>{formatValue(s.mean, row.unit)}</td>
                          <td
                            className={`${cell} ${s.success != null && s.success < 100 ? 'text-bad' : ''}`}
                          >
                            {s.success == null ? NA : formatPercent(s.success)}
                          </td>
                          <td
                            className={`${cell} text-muted`}
                            title={`${s.n} values from ${s.runs} run(s)`}
                          >
                            {formatCount(s.n)}
                            {s.runs > 1 && <span className="text-faint"> ({s.runs})</span>}
                          </td>
                        </>
                      )}
                      {k === 0 ? (
                        <td
                          colSpan={4}
                          className="border-l border-border py-1.5 pr-4 pl-2 text-[11px] text-faint"
                        >
                          reference
                        </td>
                      ) : c == null ? (
                        <td
                          colSpan={4}
                          className="border-l border-border py-1.5 pr-4 pl-2 text-[11px] text-faint"
                        >
                          {s == null ? 'no counterpart' : 'not compared (no baseline value)'}
                        </td>
                      ) : (
                        <>
                          <td
                            className={`${cell} border-l border-border font-medium ${
                              c.verdict === 'better'
                                ? 'text-good'
                                : c.verdict === 'worse'
                                  ? 'text-bad'
                                  : ''
                            }`}
                            data-testid="change"
                          >
                            {formatChange(c.change)}
                          </td>
                          <td className={`${cell} text-muted`}>
                            {c.ci ? formatInterval(c.ci) : NA}
                          </td>
                          <td className={`${cell} text-muted`}>
                            {c.pValue == null ? NA : formatP(c.pValue)}
                          </td>
                          <td className="py-1.5 pr-4 pl-2">
                            <VerdictBadge v={c} short />
                          </td>
                        </>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            );
          })}
        </table>
      </div>
    </>
  );
}

/** Phones: one card per row, one line per side with the median and the verdict. */
function CompareCards({
  rows,
  shown,
  selected,
  onSelect,
}: {
  rows: CompareRow[];
  shown: { side: CompareSide; k: number }[];
  selected: string | null;
  onSelect?: (name: string) => void;
}) {
  return (
    <ul className="divide-y divide-border md:hidden">
      {rows.map((row) => {
        const isSel = row.name === selected;
        return (
          <li key={row.name} className={isSel ? 'bg-accent-soft/45' : ''}>
            <button
              type="button"
              onClick={onSelect ? () => onSelect(row.name) : undefined}
              aria-pressed={isSel}
              className="block w-full px-4 py-2.5 text-left"
            >
              <div
                className={`mb-1.5 font-mono text-[12px] ${isSel ? 'font-semibold text-accent' : 'text-fg'}`}
                style={{ paddingLeft: row.depth * 12 }}
              >
                {row.depth > 0 && <span className="mr-1 text-faint">└</span>}
                {rowLeaf(row.name)}{' '}
                <span className="font-sans text-[11px] text-faint">({row.unit})</span>
              </div>
              <div className="space-y-1">
                {shown.map(({ side, k }) => {
                  const s = row.sides[k] ?? null;
                  const c = k === 0 ? null : (row.comparisons[k - 1] ?? null);
                  return (
                    <div key={side.id} className="text-[12px]">
                      <div className="flex items-center gap-2">
                        <span className="min-w-0 flex-1 overflow-hidden">
                          <SideLabel side={side} index={k} maxWidth={190} />
                        </span>
                        <span className="shrink-0 tabular-nums font-medium">
                          {s && s.n > 0 ? (
                            `${formatValue(s.median, row.unit)} ${row.unit}`
                          ) : (
                            <span className="text-faint">—</span>
                          )}
                        </span>
                      </div>
                      {k > 0 && (
                        <div className="mt-0.5 flex items-center justify-end gap-1.5">
                          {c ? (
                            <>
                              <span className="tabular-nums text-muted">
                                {formatChange(c.change)}
                                {c.pValue != null && ` · p ${formatP(c.pValue)}`}
                              </span>
                              <VerdictBadge v={c} short />
                            </>
                          ) : (
                            <span className="text-[11px] text-faint">no counterpart</span>
                          )}
                        </div>
                      )}
                    </div>
                  );
                })}
              </div>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
