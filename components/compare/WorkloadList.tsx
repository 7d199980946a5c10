'use client';

import { Panel } from '@/components/ui/Panel';
import type { CompareSide, CompareWorkload } from '@/lib/compareTypes';
import { compactArgs, formatChange } from './compareFormat';
import { SideLabel } from './SideLabel';
import { VerdictBadge, verdictCounts } from './VerdictBadge';

/** The row that sums up a workload: the iteration total. */
export function summaryRow(w: CompareWorkload) {
  return w.rows.find((r) => r.name === 'total') ?? w.rows[0] ?? null;
}

/**
 * The matched workloads with each contender's verdict on the iteration total, and how many rows
 * of the workload are better / worse. Selecting one shows its full table and charts.
 */
export function WorkloadList({
  workloads,
  sides,
  selected,
  onSelect,
}: {
  workloads: CompareWorkload[];
  sides: CompareSide[];
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const contenders = sides.slice(1);
  return (
    <Panel
      title={`Workloads compared (${workloads.length})`}
      subtitle="Matched by scenario + arguments + runner; verdict on the iteration total, and rows better/worse over the workload's table"
      bodyClassName=""
    >
      {/* Phones: a select. */}
      <label className="block p-4 md:hidden">
        <span className="sr-only">Workload</span>
        <select
          value={selected ?? ''}
          onChange={(e) => onSelect(e.target.value)}
          className="h-9 w-full rounded-md border border-border bg-surface px-2 font-mono text-[12px]"
        >
          {workloads.map((w, i) => (
            <option key={w.key} value={w.key}>
              {i + 1}. {w.scenario} · {compactArgs(w.args)} · {String(w.runner.type ?? '')}
            </option>
          ))}
        </select>
      </label>
      <div className="hidden overflow-x-auto md:block">
        <table
          className="w-full min-w-[720px] border-collapse text-[12.5px]"
          data-testid="workload-list"
        >
          <thead>
            <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
              <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
                Scenario
              </th>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Arguments · runner
              </th>
              {contenders.map((s, i) => (
                <th key={s.id} scope="col" className="px-3 py-2 text-left font-medium">
                  <SideLabel side={s} index={i + 1} maxWidth={190} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {workloads.map((w) => {
              const total = summaryRow(w);
              const active = w.key === selected;
              return (
                <tr
                  key={w.key}
                  onClick={() => onSelect(w.key)}
                  data-workload-key={w.key}
                  aria-selected={active}
                  className={`cursor-pointer border-b border-border last:border-b-0 ${
                    active ? 'bg-accent-soft/50' : 'hover:bg-surface-2/60'
                  }`}
                >
                  <td className="py-2 pr-3 pl-4 whitespace-nowrap">
                    <button
                      type="button"
                      onClick={(e) => {
                        e.stopPropagation();
                        onSelect(w.key);
                      }}
                      className={`font-mono text-[12px] hover:text-accent ${active ? 'font-semibold text-accent' : 'text-fg'}`}
                    >
                      {w.scenario}
                    </button>
                  </td>
                  <td
                    className="max-w-[300px] truncate px-3 py-2 font-mono text-[11.5px] text-muted"
                    title={`${compactArgs(w.args)}\n${compactArgs(w.runner)}`}
                  >
                    {compactArgs(w.args) || '—'} · {String(w.runner.type ?? '')}
                    {compactArgs(w.runner, ['type']) ? ` ${compactArgs(w.runner, ['type'])}` : ''}
                  </td>
                  {contenders.map((s, i) => {
                    if (!w.present[i + 1])
                      return (
                        <td key={s.id} className="px-3 py-2 text-[11.5px] text-faint">
                          absent
                        </td>
                      );
                    const v = total?.comparisons[i] ?? null;
                    const counts = verdictCounts(w.rows.map((r) => r.comparisons[i] ?? null));
                    return (
                      <td key={s.id} className="px-3 py-2">
                        <div className="flex flex-wrap items-center gap-1.5">
                          {v ? (
                            <>
                              <span className="tabular-nums text-[12px]">
                                {formatChange(v.change)}
                              </span>
                              <VerdictBadge v={v} short />
                            </>
                          ) : (
                            <span className="text-[11.5px] text-faint">n/a</span>
                          )}
                          {(counts.better > 0 || counts.worse > 0) && (
                            <span
                              className="text-[11px] text-muted"
                              title="Rows of this workload's table"
                            >
                              {counts.worse > 0 && (
                                <span className="text-bad">{counts.worse} worse</span>
                              )}
                              {counts.worse > 0 && counts.better > 0 && ' · '}
                              {counts.better > 0 && (
                                <span className="text-good">{counts.better} better</span>
                              )}
                              {' rows'}
                            </span>
                          )}
                        </div>
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
