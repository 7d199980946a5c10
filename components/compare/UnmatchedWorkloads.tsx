import { Panel } from '@/components/ui/Panel';
import type { CompareSide, CompareWorkload } from '@/lib/compareTypes';
import { compactArgs } from './compareFormat';
import { SideLabel } from './SideLabel';

/** Workloads with no counterpart on the baseline or on any contender: listed, never dropped. */
export function UnmatchedWorkloads({
  workloads,
  sides,
}: {
  workloads: CompareWorkload[];
  sides: CompareSide[];
}) {
  if (workloads.length === 0) return null;
  return (
    <Panel
      title={`No counterpart (${workloads.length})`}
      subtitle="Workloads (scenario + arguments + runner) found on some sides only: listed, not compared"
      bodyClassName="overflow-x-auto"
    >
      <table className="w-full min-w-[640px] border-collapse text-[12.5px]" data-testid="unmatched">
        <thead>
          <tr className="border-b border-border bg-surface-2/60 text-xs text-muted">
            <th scope="col" className="py-2 pr-3 pl-4 text-left font-medium">
              Scenario
            </th>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Arguments · runner
            </th>
            <th scope="col" className="py-2 pr-4 pl-3 text-left font-medium">
              Present on
            </th>
          </tr>
        </thead>
        <tbody>
          {workloads.map((w) => (
            <tr key={w.key} className="border-b border-border last:border-b-0">
              <td className="py-2 pr-3 pl-4 font-mono text-[12px] whitespace-nowrap">
                {w.scenario}
              </td>
              <td className="max-w-[360px] px-3 py-2 font-mono text-[11.5px] text-muted">
                {compactArgs(w.args) || '—'} · {String(w.runner.type ?? '')}{' '}
                {compactArgs(w.runner, ['type'])}
              </td>
              <td className="py-2 pr-4 pl-3">
                <div className="flex flex-wrap gap-x-3 gap-y-1 text-[12px]">
                  {sides.map((s, i) =>
                    w.present[i] ? (
                      <SideLabel key={s.id} side={s} index={i} maxWidth={160} />
                    ) : null,
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
