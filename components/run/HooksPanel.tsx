import { Badge } from '@/components/ui/Badge';
import { Panel } from '@/components/ui/Panel';
import { formatSecondsAuto } from '@/lib/format';
import type { HookRun } from './hooks';

/** Hook executions (fault injection, sys calls…) with when they fired and how they ended. */
export function HooksPanel({ runs, start }: { runs: HookRun[]; start: number | null }) {
  if (runs.length === 0) return null;
  const failed = runs.filter((r) => r.status !== 'success').length;
  return (
    <Panel
      title="Hooks"
      subtitle="Actions Rally triggered during the load; marked on the charts below"
      actions={
        failed ? (
          <Badge tone="bad">{failed} not successful</Badge>
        ) : (
          <Badge tone="good">all succeeded</Badge>
        )
      }
      bodyClassName="overflow-x-auto"
    >
      <table className="w-full min-w-[640px] text-[13px]" data-testid="hooks-table">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th className="px-4 py-2 font-medium">Hook</th>
            <th className="px-3 py-2 font-medium">Trigger</th>
            <th className="px-3 py-2 font-medium">Fired at</th>
            <th className="px-3 py-2 text-right font-medium">Started</th>
            <th className="px-3 py-2 text-right font-medium">Took (s)</th>
            <th className="px-4 py-2 font-medium">Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => (
            <tr
              // biome-ignore lint/suspicious/noArrayIndexKey: hook results have no id; order is stable
              key={i}
              className="border-b border-border align-top last:border-b-0"
            >
              <td className="px-4 py-2">
                <div className="font-mono text-[12px] font-medium">{r.hook}</div>
                {r.description && <div className="text-xs text-muted">{r.description}</div>}
              </td>
              <td className="px-3 py-2 text-muted">{r.trigger}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {r.triggeredBy ? (
                  `${r.triggeredBy.type} ${r.triggeredBy.value}`
                ) : (
                  <span className="text-faint">—</span>
                )}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                {r.startedAt != null && start != null
                  ? `+${formatSecondsAuto(r.startedAt - start)} s`
                  : 'n/a'}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {r.startedAt != null && r.finishedAt != null
                  ? formatSecondsAuto(r.finishedAt - r.startedAt)
                  : 'n/a'}
              </td>
              <td className="px-4 py-2">
                <Badge tone={r.status === 'success' ? 'good' : 'bad'}>{r.status}</Badge>
                {r.error && (
                  <div className="mt-1 max-w-[320px] text-xs break-words text-bad">{r.error}</div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
